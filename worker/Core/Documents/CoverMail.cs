namespace Campaigns.Core.Documents;

/// <summary>A short e-mail carrying attached documents.</summary>
public sealed record CoverMail(string Subject, string OfficeName, string RecipientName, string Message, string ContactLine);
