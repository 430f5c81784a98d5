namespace Campaigns.Core.Directories;

/// <summary>A directory file's rows, or every problem in it; with any problem there are no rows (nothing half-imported).</summary>
public sealed record DirectoryRead<T>(IReadOnlyList<T> Rows, IReadOnlyList<DirectoryProblem> Problems);
