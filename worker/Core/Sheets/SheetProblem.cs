using Campaigns.Core.Plans;

namespace Campaigns.Core.Sheets;

/// <summary>
/// Why a spreadsheet could not be read at all: `file:row:column: message` at the cell, or at 1:1 for the whole file
/// (not a zip, a part missing, over a limit), in Chinese for the office that exported it.
/// </summary>
public sealed record SheetProblem(SourceLocation Location, string Message)
{
    public SheetProblem(string file, string message)
        : this(new SourceLocation(file, 1, 1), message)
    {
    }

    public override string ToString() => $"{Location}: {Message}";
}
