namespace Campaigns.Core.Draws;

/// <summary>
/// An inspector passed over for a group because they must recuse (回避, 001 (十), 003 §16) from one of its
/// entities; the next drawn inspector of the same department took the place. Part of the draw record.
/// </summary>
public sealed record Recusal(int Group, string CertificateNumber, string Uscc);
