namespace Campaigns.Core.Draws;

/// <summary>An inspection group (检查组): inspectors from every department; the leader comes from the lead department.</summary>
public sealed record InspectionGroup(int Number, string LeaderCertificateNumber, IReadOnlyList<DrawnInspector> Members, IReadOnlyList<string> EntityUsccs);
