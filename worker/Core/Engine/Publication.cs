namespace Campaigns.Core.Engine;

/// <summary>The office's confirmation that the results were published (公示): where and on which day.</summary>
public sealed record Publication(string Url, DateOnly On);
