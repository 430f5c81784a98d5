namespace Campaigns.Core.Draws;

/// <summary>A participating department as the draw saw it: the plan id and the name the inspector directory may use instead.</summary>
public sealed record DrawDepartment(string Id, string Name);
