namespace Campaigns.Tests.Fixtures;

/// <summary>
/// The settings an in-process test worker starts from: the sample directories, documents and mail in the test's own folder,
/// quiet logs. Each test adds what it is about (its store, its plans, its instance name, the scheduler's intervals).
/// </summary>
public static class WorkerSettings
{
    public static Dictionary<string, string?> For(TempFolder dir, string plans, IEnumerable<KeyValuePair<string, string?>> extra)
    {
        var settings = new Dictionary<string, string?>(extra)
        {
            ["Campaigns:Plans"] = plans,
            ["Campaigns:Directories"] = Repository.Path("config", "directories"),
            ["Campaigns:Documents"] = dir.File("documents"),
            ["Campaigns:MailPickup"] = dir.File("mail"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        return settings;
    }
}
