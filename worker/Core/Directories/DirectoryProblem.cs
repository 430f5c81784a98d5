using Campaigns.Core.Plans;

namespace Campaigns.Core.Directories;

/// <summary>One bad cell of a directory file: `file:row:column: message`.</summary>
public sealed record DirectoryProblem(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
