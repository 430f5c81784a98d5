namespace Campaigns.Core.Plans;

/// <summary>
/// How often a department must take part in (lead or join) a joint spot check in the plan's year: at least
/// <see cref="MinPerYear"/>, at most <see cref="MaxPerYear"/>, and no more than <see cref="MaxGapMonths"/> months from
/// the year's start to its first draw, between two of its draws, or from its last draw to the year's end.
/// <see cref="Basis"/> is the article the numbers come from, quoted in every warning, flag and 催办.
/// Seeds: each department at least once a year (003 §9, the default); a county's network-security team at least 6 times,
/// every two months (004 §9: min_per_year 6, max_gap_months 2); a culture bureau 2–3 times (001 (九): 2 and 3).
/// </summary>
public sealed record Frequency(int MinPerYear, int? MaxPerYear, int? MaxGapMonths, string Basis)
{
    /// <summary>003 §9: every department initiates or joins at least one joint spot check a year.</summary>
    public static Frequency Default { get; } = new(1, null, null, "003 §9");

    /// <summary>
    /// The last day of <paramref name="year"/> by which the department's next draw must come, <see cref="MaxGapMonths"/> after its
    /// last draw (or the year's start); null when there is no gap rule or the gap reaches past the year's end.
    /// </summary>
    public DateOnly? NextDrawBy(int year, DateOnly? lastDraw) =>
        MaxGapMonths is { } months && (lastDraw ?? new DateOnly(year, 1, 1)).AddMonths(months) is var by && by < new DateOnly(year, 12, 31) ? by : null;

    /// <summary>How the rule reads in a warning or 催办: "每年至少6次、每2个月至少1次（004 §9）".</summary>
    public string Describe() =>
        string.Join("、", new[]
        {
            $"每年至少{MinPerYear}次",
            MaxPerYear is { } max ? $"至多{max}次" : null,
            MaxGapMonths is { } gap ? $"每{gap}个月至少1次" : null,
        }.OfType<string>()) + $"（{Basis}）";
}
