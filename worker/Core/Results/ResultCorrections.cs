namespace Campaigns.Core.Results;

public static class ResultCorrections
{
    /// <summary>The results as they stand: each entry with the code of its latest correction, in the order given.</summary>
    public static IReadOnlyList<ResultEntry> Apply(IReadOnlyList<ResultEntry> entries, IReadOnlyList<ResultCorrection> corrections)
    {
        if (corrections.Count == 0)
        {
            return entries;
        }
        var latest = corrections
            .GroupBy(c => (c.CampaignId, c.Uscc, c.DepartmentId, c.Item))
            .ToDictionary(g => g.Key, g => g.Last());
        return [.. entries.Select(e => latest.TryGetValue((e.CampaignId, e.Uscc, e.DepartmentId, e.Item), out var c) ? e with { Code = c.Code } : e)];
    }
}
