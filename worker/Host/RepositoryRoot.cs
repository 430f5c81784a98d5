namespace Campaigns.Host;

public static class RepositoryRoot
{
    /// <summary>
    /// The folder holding config/ and templates/: the current folder when it has them (README runs from the
    /// clone), else the nearest parent of the binary that does (tests and installed copies).
    /// </summary>
    public static string Find()
    {
        static bool IsRoot(string dir) => Directory.Exists(Path.Combine(dir, "config")) && Directory.Exists(Path.Combine(dir, "templates"));
        var current = Directory.GetCurrentDirectory();
        if (IsRoot(current))
        {
            return current;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (IsRoot(dir.FullName))
            {
                return dir.FullName;
            }
        }
        return current;
    }
}
