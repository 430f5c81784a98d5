namespace Campaigns.Core.Directories;

/// <summary>
/// An inspector in the 执法检查人员名录库 (004 §14). <see cref="CertificateNumber"/> (执法证号/警号) identifies them.
/// <see cref="Unit"/> is the department as the directory names it (the plan's department id or name).
/// <see cref="Conflicts"/> lists the USCCs the inspector must recuse from (回避对象).
/// </summary>
public sealed record Inspector(
    string CertificateNumber,
    string Name,
    string Gender,
    string Unit,
    string Position,
    DateOnly? CertificateValidUntil,
    string? Email,
    string? Phone,
    IReadOnlyList<string> Conflicts)
{
    /// <summary>Only staff with a valid enforcement certificate may be drawn (001 (七)).</summary>
    public bool IsQualifiedOn(DateOnly date) => CertificateValidUntil is { } until && until >= date;
}
