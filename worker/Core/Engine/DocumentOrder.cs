namespace Campaigns.Core.Engine;

/// <summary>
/// A document the campaign owes. <see cref="Path"/> is relative to the documents folder and unique;
/// the shell renders <see cref="Template"/> with <see cref="Model"/>, or writes the model as JSON when
/// <see cref="Template"/> is null (records for machines, such as the draw record).
/// </summary>
public sealed record DocumentOrder(string Path, string? Template, object Model, string? CampaignId);
