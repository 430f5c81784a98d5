namespace Campaigns.Core.Draws;

/// <summary>An inspector as recorded in a draw: enough to address and identify them later, whatever the directory becomes.</summary>
public sealed record DrawnInspector(string CertificateNumber, string Name, string DepartmentId, string? Email);
