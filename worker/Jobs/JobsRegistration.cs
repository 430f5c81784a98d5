using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Storage;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace Campaigns.Jobs;

/// <summary>
/// Hangfire, on the store the one Storage:Provider switch names. PostgreSQL: Hangfire.PostgreSql in the same database,
/// in its own schema "hangfire", shared by every instance. SQLite (embedded, one process): Hangfire.InMemory, because
/// Hangfire.Storage.SQLite pulls SQLitePCLRaw 3.x, which central pinning refuses beside Microsoft.Data.Sqlite's 2.1
/// (NU1109) and which would load a second native SQLite into the process; losing the in-memory jobs on a restart loses
/// nothing, since the domain store is the ledger of what is owed and the worker re-enqueues it at start.
/// </summary>
public static class JobsRegistration
{
    public const string Schema = "hangfire";

    /// <summary>
    /// How old a Hangfire.PostgreSql lock row must be before another holder may take it. Its locks are rows, and a state
    /// change holds its job's for milliseconds; a row older than this was left by a holder that died (a killed worker, or a
    /// connection a database restart cut mid-change, whose release never ran). At the default ten minutes such a row held
    /// every later change of its job that long, and with it the sweep and the tick that asked for one: a worker could not
    /// stop, and the owed mail waited.
    /// </summary>
    public static readonly TimeSpan LockExpiry = TimeSpan.FromSeconds(15);

    public static IHostApplicationBuilder AddCampaignJobs(this IHostApplicationBuilder builder, WorkerOptions options, StorageOptions storage)
    {
        var services = builder.Services;
        // Registered before AddHangfire, whose defaults are process-wide statics (JobStorage.Current, JobActivator.Current):
        // each host keeps its own storage and builds jobs from its own container, also with several hosts in one process.
        services.AddSingleton(sp =>
        {
            // Configured first: the storage asks the (static) log provider for its loggers as it is built.
            sp.GetRequiredService<IGlobalConfiguration>();
            return Storage(storage);
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, configuration) => configuration
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddSingleton<OutboxSweep>();
        services.AddSingleton<ArchiveSweep>();
        services.AddSingleton<IDeliveryRetries, HangfireDeliveryRetries>();
        services.AddHangfireServer((_, server) =>
        {
            server.ServerName = ServerName(options);
            server.WorkerCount = options.JobWorkers;
            server.Queues = [OutboxJob.Queue, DeliveryJob.Queue, ArchiveJob.Queue, "default"];
        });
        return builder;
    }

    /// <summary>This process's Hangfire server name: the instance and the process id.</summary>
    public static string ServerName(WorkerOptions options) => $"{options.Instance}-{Environment.ProcessId}";

    private static JobStorage Storage(StorageOptions storage)
    {
        if (storage.Provider != StorageProviderKind.PostgreSql)
        {
            return new InMemoryStorage(new InMemoryStorageOptions());
        }
        InstallSchema(storage.ConnectionString!);
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = false,
            // LISTEN/NOTIFY: an enqueued pass starts at once instead of at the next poll (15 s by default).
            EnableLongPolling = true,
            QueuePollInterval = TimeSpan.FromSeconds(1),
            DistributedLockTimeout = LockExpiry,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(storage.ConnectionString!, options), options);
    }

    /// <summary>
    /// Hangfire's own install, retried: several instances starting together on a new database collide in it (40001, could
    /// not serialize access due to concurrent update), and the loser would otherwise end its process at start.
    /// </summary>
    // An advisory lock key of our own ("hangfire" install), apart from the store's migration lock.
    private const long InstallLock = 0x68616e67666972;

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static void InstallSchema(string connectionString)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(connectionString);
                connection.Open();
                // One instance installs at a time: Hangfire's installer run twice at once also failed with XX000 (could not
                // find tuple for constraint), which no retry condition can name in advance.
                Execute(connection, $"SELECT pg_advisory_lock({InstallLock})");
                try
                {
                    PostgreSqlObjectsInstaller.Install(connection, Schema);
                }
                finally
                {
                    Execute(connection, $"SELECT pg_advisory_unlock({InstallLock})");
                }
                return;
            }
            catch (PostgresException e) when (attempt < 10 && e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateObject
                or PostgresErrorCodes.InternalError)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(200 * attempt));
            }
            catch (NpgsqlException e) when (attempt < 30 && e.IsTransient)
            {
                // The server restarting while this instance starts (refused, reset): wait for it rather than end the start.
                Thread.Sleep(TimeSpan.FromSeconds(1));
            }
        }
    }
}
