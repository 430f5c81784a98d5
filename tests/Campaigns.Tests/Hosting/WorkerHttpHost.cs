using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaigns.Tests.Hosting;

/// <summary>A running worker (Quartz, Hangfire, Kestrel on a free loopback port) on the sample plan and a simulated clock.</summary>
public sealed class WorkerHttpHost : IDisposable
{
    private readonly TempFolder _dir = new();

    public SimulatedClock Clock { get; } = new(new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.FromHours(8)));

    public string Database => _dir.File("campaigns.db");

    /// <summary>A worker on this folder; <paramref name="clock"/> replaces <see cref="Clock"/> for a test that starts elsewhere in the year.</summary>
    public IHost Build(IReadOnlyDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null, TimeProvider? clock = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Campaigns:Plans"] = Repository.Path("config", "plans", "2026.yaml"),
            ["Campaigns:Directories"] = Repository.Path("config", "directories"),
            ["Campaigns:Database"] = Database,
            ["Campaigns:Documents"] = _dir.File("documents"),
            ["Campaigns:MailPickup"] = _dir.File("mail"),
            ["Campaigns:HttpPort"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return WorkerHost.Build([], schedule: true, settings, s =>
        {
            s.AddSingleton(clock ?? Clock);
            s.AddSingleton(new DrawSeedSource("http-test"));
            services?.Invoke(s);
        });
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
