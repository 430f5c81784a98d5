using Campaigns.Core.Sheets;
using Campaigns.OfficeActions;

namespace Campaigns.Web;

/// <summary>
/// An action's outcome on the page that asked for it. A sheet refused shows each row that has a problem with its cells
/// and the problems beside it; problems without a row (a missing header, an unreadable file) are listed above.
/// </summary>
public sealed record ActionView(bool Done, string? Message, IReadOnlyList<string> Problems, IReadOnlyList<ActionView.Row> Rows)
{
    public sealed record Row(int Number, IReadOnlyList<string> Cells, IReadOnlyList<string> Problems);

    public static ActionView Of(ActionOutcome outcome, Sheet? sheet = null)
    {
        if (outcome.Done || sheet is null || outcome.Rows.Count == 0)
        {
            return new ActionView(outcome.Done, outcome.Done ? outcome.Message : null, outcome.Problems, []);
        }
        var byRow = outcome.Rows.Where(p => p.Location.Line > 1).GroupBy(p => p.Location.Line).OrderBy(g => g.Key).ToList();
        var rows = byRow.Select(g => new Row(
            g.Key,
            // An empty cell is shown as such: the page prints every cell, and a blank would read as a missing column.
            [.. (sheet.Rows.FirstOrDefault(r => r.Line == g.Key)?.Fields ?? []).Select(f => f.Length == 0 ? "（空）" : f)],
            [.. g.Select(p => $"第{p.Location.Column}列：{p.Message}")])).ToList();
        var other = outcome.Rows.Where(p => p.Location.Line <= 1).Select(p => p.ToString()).Append(ResultsEntry.NothingEntered).ToList();
        return new ActionView(false, null, other, rows);
    }
}
