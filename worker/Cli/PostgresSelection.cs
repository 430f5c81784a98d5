using System.Diagnostics;
using Campaigns.Core.Draws;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Cli;

/// <summary>
/// The comparison the draw benchmark reports: PostgreSQL selecting the same strata from the same rows with the
/// usual SQL idiom (ORDER BY random() LIMIT k), which is neither reproducible nor verifiable, only a speed yardstick.
/// </summary>
public static class PostgresSelection
{
    public sealed record Timing(TimeSpan Load, TimeSpan Select, int Drawn);

    public static async Task<Timing> Time(string connectionString, int entities, IReadOnlyList<Stratum> strata, CancellationToken cancellationToken)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using (var setup = source.CreateCommand("""
            DROP TABLE IF EXISTS bench_entity, bench_capped;
            CREATE UNLOGGED TABLE bench_entity (uscc text NOT NULL, industry text NOT NULL, region text NOT NULL, risk text NOT NULL, active boolean NOT NULL);
            CREATE UNLOGGED TABLE bench_capped (uscc text PRIMARY KEY);
            """))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        await using (var connection = await source.OpenConnectionAsync(cancellationToken))
        {
            await using (var copy = await connection.BeginBinaryImportAsync("COPY bench_entity FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                for (var i = 0; i < entities; i++)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(ProvinceDirectory.Uscc(i), NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(ProvinceDirectory.Industry, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(ProvinceDirectory.Region, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(ProvinceDirectory.RiskClass(i), NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(ProvinceDirectory.Active(i), NpgsqlDbType.Boolean, cancellationToken);
                }
                await copy.CompleteAsync(cancellationToken);
            }
            await using var capped = new NpgsqlCommand("""
                INSERT INTO bench_capped SELECT uscc FROM bench_entity WHERE right(left(uscc, 17), 13)::bigint % 97 = 0;
                CREATE INDEX ON bench_entity (industry, risk);
                ANALYZE bench_entity; ANALYZE bench_capped;
                """, connection);
            await capped.ExecuteNonQueryAsync(cancellationToken);
        }
        var load = clock.Elapsed;

        clock.Restart();
        var drawn = 0;
        foreach (var stratum in strata)
        {
            await using var select = source.CreateCommand("""
                SELECT uscc FROM bench_entity e
                WHERE e.active AND e.industry = $1 AND e.risk = $2 AND NOT EXISTS (SELECT 1 FROM bench_capped c WHERE c.uscc = e.uscc)
                ORDER BY random() LIMIT $3
                """);
            select.Parameters.Add(new NpgsqlParameter { Value = ProvinceDirectory.Industry });
            select.Parameters.Add(new NpgsqlParameter { Value = stratum.RiskClass });
            select.Parameters.Add(new NpgsqlParameter { Value = stratum.Drawn });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                drawn++;
            }
        }
        return new Timing(load, clock.Elapsed, drawn);
    }
}
