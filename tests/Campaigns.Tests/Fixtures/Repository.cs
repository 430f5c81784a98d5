namespace Campaigns.Tests.Fixtures;

public static class Repository
{
    /// <summary>The clone's root (the folder with Campaigns.sln), found from the test binary.</summary>
    public static string Root { get; } = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Campaigns.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Campaigns.sln not found above " + AppContext.BaseDirectory);
    }
}
