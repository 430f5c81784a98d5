namespace Campaigns.Core.Documents;

/// <summary>
/// 计划文件有误的告知 to the office: a saved plan file that does not parse, each problem at its line and column, and the
/// last good version that keeps running meanwhile (when it was accepted, its SHA-256 prefix).
/// </summary>
public sealed record PlanErrorNotice(
    string Subject,
    string OfficeName,
    string RecipientName,
    string File,
    string Version,
    IReadOnlyList<PlanErrorNotice.Problem> Problems,
    string RunningSince,
    string RunningVersion)
{
    /// <summary>The recipient's personal link to the web console; null when the worker has no public address (PublicBaseUrl) or console key configured.</summary>
    public string? ConsoleLink { get; init; }

    public sealed record Problem(int Number, int Line, int Column, string Message);
}
