namespace Campaigns.Core.Draws;

/// <summary>An entity as recorded in a draw, copied so the record stays true if the directory changes (003 §15).</summary>
public sealed record DrawnEntity(string Uscc, string Name, string Address, string LegalRepresentative, string RiskClass);
