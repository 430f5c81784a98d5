using System.Globalization;

namespace Campaigns.Core.Documents;

public static class ChineseDates
{
    /// <summary>The date as official letters write it: 2024年5月31日.</summary>
    public static string Format(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>A ratio as a percentage without trailing zeros: 0.30 → 30%, 0.055 → 5.5%.</summary>
    public static string Percent(decimal ratio) => (ratio * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
