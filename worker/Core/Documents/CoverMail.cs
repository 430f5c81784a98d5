namespace Campaigns.Core.Documents;

/// <summary>A short e-mail carrying attached documents. <see cref="ContactLine"/> is null when the office lists no contact.</summary>
public sealed record CoverMail(string Subject, string OfficeName, string RecipientName, string Message, string? ContactLine)
{
    /// <summary>The recipient's personal link to the web console; null when the worker has no public address (PublicBaseUrl) or console key configured.</summary>
    public string? ConsoleLink { get; init; }
}
