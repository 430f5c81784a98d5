using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Campaigns.Core.Draws;
using Campaigns.Core.FollowUps;
using Campaigns.Core.Engine;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Operations;
using Dapper;
using Npgsql;

using ClosureRow = (string CampaignId, string Uscc, string DepartmentId, string Action, string Note, string On);
using CorrectionRow = (string CampaignId, string Uscc, string DepartmentId, long Previous, long Code, string Reason, string SignedBy, string On, string Item);
using EnteredRow = (string CampaignId, string Uscc, string DepartmentId, long Code, string InspectedOn, string EnteredOn, string? Remarks,
    string? Inspectors, string? Opinion, long? Signed, string? Refusal, string Item, long Answered);

namespace Campaigns.Storage;

/// <summary>
/// The domain store, on SQLite (the embedded default) or PostgreSQL (<see cref="StoreProvider"/>). Every tick's effects
/// are applied in one transaction, and the outbox's unique idempotency key is what keeps a message from being owed twice.
/// </summary>
public sealed partial class CampaignStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = JsonMetadata.Resolver };
    private readonly StoreProvider _provider;
    private readonly TimeProvider _time;
    private readonly DrawCache _draws = new(Json);
    private readonly FactsCache _facts = new();

    static CampaignStore() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    private CampaignStore(StoreProvider provider, TimeProvider time) => (_provider, _time) = (provider, time);

    /// <summary>
    /// Opens (creating when missing) the SQLite database file and applies pending migrations. <paramref name="time"/> stamps
    /// the audit rows of operations that are not handed the time (the system clock when null).
    /// </summary>
    public static CampaignStore Open(string path, TimeProvider? time = null) => Open(new SqliteProvider(path), time);

    /// <summary>Opens the store <paramref name="provider"/> names and applies pending migrations.</summary>
    public static CampaignStore Open(StoreProvider provider, TimeProvider? time = null)
    {
        provider.Create();
        var store = new CampaignStore(provider, time ?? TimeProvider.System);
        store.Migrate();
        return store;
    }

    public StoreProvider Provider => _provider;

    public int SchemaVersion
    {
        get
        {
            using var connection = Connect();
            return connection.ExecuteScalar<int>("SELECT COALESCE(MAX(version), 0) FROM schema_version");
        }
    }

    private DbConnection Connect() => _provider.Connect();

    private void Migrate()
    {
        using var connection = Connect();
        Run(connection, null, _provider.Setup);
        using var transaction = connection.BeginTransaction();
        Run(connection, transaction, _provider.MigrationLock);
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)", transaction: transaction);
        var steps = _provider.Migrations;
        var current = connection.ExecuteScalar<int>("SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction: transaction);
        if (current > steps.Count)
        {
            throw new InvalidOperationException(
                $"The database ({_provider.Description}) is at schema version {current}, newer than this worker knows ({steps.Count}); upgrade the worker.");
        }
        for (var version = current + 1; version <= steps.Count; version++)
        {
            connection.Execute(steps[version - 1], transaction: transaction);
            connection.Execute("INSERT INTO schema_version (version) VALUES (@version)", new { version }, transaction);
        }
        transaction.Commit();
    }

    /// <summary>"column IN (the list)": Dapper expands the list on SQLite and passes it as one array on PostgreSQL.</summary>
    private string InList(string column, string parameter) => _provider.InList(column, parameter);

    /// <summary>Runs a provider's statement (a lock, a setting); an empty one is nothing to run.</summary>
    private static void Run(DbConnection connection, DbTransaction? transaction, string statement)
    {
        if (statement.Length > 0)
        {
            connection.Execute(statement, transaction: transaction);
        }
    }

    /// <summary>
    /// Appends audit rows in the caller's transaction, one writer at a time (see <see cref="StoreProvider.AuditLock"/>).
    /// A batch (a tick's flags, its messages) is chained in memory after one read of the head and inserted with one
    /// prepared command.
    /// </summary>
    private void Audit(DbConnection connection, DbTransaction transaction, DateTimeOffset at, string actor, string action, string? campaignId, object detail) =>
        Audit(connection, transaction, at, actor, [(action, campaignId, detail)]);

    private void Audit(
        DbConnection connection, DbTransaction transaction, DateTimeOffset at, string actor, IReadOnlyCollection<(string Action, string? CampaignId, object Detail)> rows,
        AuditHead? head = null)
    {
        if (rows.Count == 0)
        {
            return;
        }
        // The head is read after the lock, every time unless the caller keeps it for this one transaction (AuditHead):
        // remembering it per transaction object is not safe, as Npgsql reuses one transaction object for a connection's
        // successive transactions.
        head ??= new AuditHead();
        if (!head.Known)
        {
            using var results = connection.QueryMultiple(AuditHeadSql, transaction: transaction);
            ReadAuditHead(results, head);
        }
        AuditTrail.Append(connection, transaction, at, actor, rows, head);
    }

    /// <summary>
    /// The audit lock, then the trail's head, as one batch of statements (one round trip on PostgreSQL, not two); a caller
    /// may put statements of its own before them. <see cref="ReadAuditHead"/> reads their results.
    /// </summary>
    private string AuditHeadSql => _provider.AuditLock.Length > 0 ? $"{_provider.AuditLock};\n{AuditTrail.HeadSql}" : AuditTrail.HeadSql;

    /// <summary>Moves <paramref name="head"/> to the head <see cref="AuditHeadSql"/> read, from where its results begin.</summary>
    private void ReadAuditHead(SqlMapper.GridReader results, AuditHead head)
    {
        if (_provider.AuditLock.Length > 0)
        {
            results.Read();
        }
        head.MovedTo(results.ReadSingleOrDefault<AuditEntry>());
    }

    public OfficeFacts LoadFacts(AnnualPlan plan) => Snapshot(plan).Facts;

    /// <summary>
    /// Every plan's version, then each scope's part of the facts' fingerprint, in one batch: what <see cref="Snapshot"/> compares
    /// a plan's kept facts with, for all plans at once. The fact rows are folded per scope, so this reads a few rows a scope.
    /// </summary>
    public FactsChecks ReadFactsChecks()
    {
        using var connection = Connect();
        using var batch = connection.QueryMultiple(FactsChecksSql(onePlan: false));
        return FactsChecksFrom(batch);
    }

    /// <summary>
    /// The plan's tick version (see <see cref="PlanVersion"/>) and then its facts, read in one batch of statements: one
    /// round trip on PostgreSQL instead of ten, for each of a province's 200 plans on every tick. The facts last read are
    /// kept (<see cref="FactsCache"/>) and handed out again, with the version read now, while the plan's
    /// <see cref="FactsFingerprint"/> in the store has not moved: a quiet day reads two numbers per plan, not every row, or
    /// none, given <paramref name="checks"/> read for every plan at once (<see cref="ReadFactsChecks"/>).
    /// </summary>
    public PlanSnapshot Snapshot(AnnualPlan plan, FactsChecks? checks = null)
    {
        var ids = plan.Campaigns.Select(c => c.Id).ToArray();
        string[] scopes = [plan.Key, .. ids];
        var parameters = new
        {
            ids, scopes, factScopes = (string[])[.. scopes, "*"], planKey = plan.Key, path = CampaignEngine.PlanPublicationPath(plan), planPrefix = $"{plan.Key}|%",
        };
        var shape = FactsCache.Shape(plan);
        var cached = _facts.Find(shape);
        // The kept facts, with the version read now, while the fingerprint of the plan's scopes is what they were read with.
        PlanSnapshot? Kept(FactsChecks now) =>
            cached is not null && now.Fingerprint(parameters.factScopes) == cached.Fingerprint ? cached with { Version = now.Version(plan.Key) } : null;
        if (checks is not null && Kept(checks) is { } keptForTick)
        {
            return keptForTick;
        }
        using var connection = Connect();
        if (checks is null && cached is not null)
        {
            using var check = connection.QueryMultiple(FactsChecksSql(onePlan: true), parameters);
            if (Kept(FactsChecksFrom(check)) is { } kept)
            {
                return kept;
            }
        }
        string[] statements =
        [
            FactsChecksSql(onePlan: true),
            $"SELECT id, state, archive_requested_on FROM campaigns WHERE {InList("id", "ids")}",
            $"SELECT campaign_id, drawn_on, CAST(length(record_json) AS BIGINT) FROM draws WHERE {InList("campaign_id", "ids")}",
            $"SELECT campaign_id, record_json FROM substitutions WHERE {InList("campaign_id", "ids")} ORDER BY sequence",
            EnteredSql(),
            CorrectionsSql(),
            $"SELECT campaign_id, url, published_on FROM publications WHERE {InList("campaign_id", "ids")}",
            $"SELECT campaign_id, url, published_on FROM bulletins WHERE {InList("campaign_id", "ids")}",
            $"SELECT campaign_id, department_id, confirmed_on FROM list_confirmations WHERE {InList("campaign_id", "ids")}",
            ClosuresSql(),
            // The engine asks only whether the plan's own publication was issued; reading every document of the year here
            // cost 120,000 rows per plan per tick at province scale.
            "SELECT path FROM documents WHERE path = @path",
            $"""
            SELECT id, campaign_id, recipient_name, recipient_email, subject, created_at, last_error FROM deliveries
            WHERE state = 'dead' AND ({InList("campaign_id", "ids")} OR (campaign_id IS NULL AND idempotency_key LIKE @planPrefix))
            ORDER BY id
            """,
            $"SELECT flag_key, detail, since FROM flags WHERE cleared_on IS NULL AND {InList("scope", "scopes")}",
            $"{CommitmentsSql} WHERE {InList("campaign_id", "ids")} ORDER BY campaign_id, sequence",
            $"SELECT campaign_id, department_id, url, published_on FROM department_publications WHERE {InList("campaign_id", "ids")}",
            """
            SELECT c.sequence, c.changed_on, c.change_json, c.published_url, c.published_on,
                   (SELECT COUNT(*) FROM documents d WHERE d.path = c.document_path) AS issued
            FROM check_item_changes c WHERE c.plan_key = @planKey ORDER BY c.sequence
            """,
        ];
        using var batch = connection.QueryMultiple(string.Join(";\n", statements), parameters);
        var read = FactsChecksFrom(batch);
        var (version, fingerprint) = (read.Version(plan.Key), read.Fingerprint(parameters.factScopes));
        var states = batch.Read<(string Id, string State, string? Archive)>().ToDictionary(r => r.Id);
        var drawRows = batch.Read<(string Id, string DrawnOn, long Length)>().AsList();
        // Reminders and documents address the groups as they stand now: the draw with its substitutions applied.
        var substitutions = batch.Read<(string Id, string Json)>().ToLookup(r => r.Id, r => JsonSerializer.Deserialize<Substitution>(r.Json, Json)!);
        var entered = Entered(batch.Read<EnteredRow>());
        var results = ResultCorrections.Apply(entered, Corrections(batch.Read<CorrectionRow>())).ToLookup(r => r.CampaignId);
        var publications = batch.Read<(string Id, string Url, string On)>().ToDictionary(r => r.Id, r => new Publication(r.Url, Date(r.On)));
        var bulletins = batch.Read<(string Id, string Url, string On)>().ToDictionary(r => r.Id, r => new Publication(r.Url, Date(r.On)));
        var confirmations = batch.Read<(string Id, string Department, string On)>().ToLookup(r => r.Id);
        var closures = Closures(batch.Read<ClosureRow>()).ToLookup(c => c.CampaignId);
        var documents = batch.Read<string>().ToHashSet();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(plan.Office.TimeZone);
        var dead = batch.Read<(long Id, string? CampaignId, string Name, string Email, string Subject, string CreatedAt, string? LastError)>()
            .Select(r => new DeadLetter(r.Id, r.CampaignId, r.Name, r.Email, r.Subject,
                DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(r.CreatedAt, CultureInfo.InvariantCulture), zone).DateTime), r.LastError))
            .ToList();
        var flags = batch.Read<(string Key, string Detail, string Since)>().ToList();
        var commitments = batch.Read<CommitmentRow>().ToLookup(r => r.CampaignId, r => r.Entry);
        var departmentPublications = batch.Read<(string Id, string Department, string Url, string On)>().ToLookup(r => r.Id);
        var itemChanges = batch.Read<(long Sequence, string ChangedOn, string Json, string? Url, string? On, long Issued)>()
            .Select(r => new RecordedCheckItemChange(r.Sequence, Date(r.ChangedOn), JsonSerializer.Deserialize<CheckItemChange>(r.Json, Json)!,
                r.Url is null || r.On is null ? null : new Publication(r.Url, Date(r.On)), r.Issued > 0))
            .ToList();
        var draws = Draws(connection, drawRows);
        foreach (var id in draws.Keys.ToList().Where(id => substitutions[id].Any()))
        {
            draws[id] = Core.Draws.Substitutions.Apply(draws[id], [.. substitutions[id]]);
        }
        var facts = ids.ToDictionary(id => id, id => states.TryGetValue(id, out var row)
            ? new CampaignFacts(id, Enum.Parse<CampaignState>(row.State), draws.GetValueOrDefault(id), [.. results[id]], row.Archive is null ? null : Date(row.Archive),
                publications.GetValueOrDefault(id), [.. closures[id]], bulletins.GetValueOrDefault(id),
                confirmations[id].Any() ? confirmations[id].ToDictionary(c => c.Department, c => Date(c.On)) : null,
                [.. commitments[id]],
                departmentPublications[id].Any() ? departmentPublications[id].ToDictionary(p => p.Department, p => new Publication(p.Url, Date(p.On))) : null)
            : CampaignFacts.New(id) with { Commitments = [.. commitments[id]] });
        var snapshot = new PlanSnapshot(
            version, new OfficeFacts(facts, documents, dead, flags.ToDictionary(f => f.Key, f => Date(f.Since)), itemChanges.Count == 0 ? null : itemChanges),
            states.ToDictionary(s => s.Key, s => s.Value.State), flags.ToDictionary(f => f.Key, f => f.Detail), fingerprint);
        _facts.Keep(shape, snapshot);
        // Not '*': every plan reads it, and folds of two plans at once would wait on each other's rows. Nor is it counted here,
        // or a '*' grown long would have every plan fold on every full read for nothing.
        if (read.Rows(scopes) > FoldAbove * scopes.Length)
        {
            FoldFactChanges(scopes);
        }
        return snapshot;
    }

    // Rows per scope beyond which a plan's are folded: a fold reads them all once, a check of the plan every tick.
    private const int FoldAbove = 4;

    /// <summary>
    /// Folds each scope's rows in <c>fact_changes</c> into its last row (<see cref="FactChangesMigration.SqliteWeights"/>),
    /// leaving every fingerprint as it was. The fold writes before it reads: SQLite takes its write lock at the first
    /// statement instead of upgrading a read that another writer may have overtaken, and PostgreSQL's two statements see one
    /// snapshot (repeatable read), so a row committed meanwhile is neither summed nor deleted, and a second fold at once fails
    /// instead of folding twice. A fold is only a saving, so one that fails (the store busy, a conflict) is left for the next
    /// full read.
    /// </summary>
    private void FoldFactChanges(string[] scopes)
    {
        try
        {
            using var connection = Connect();
            using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
            connection.Execute(
                $"""
                UPDATE fact_changes SET
                    weight = (SELECT SUM(f.weight) FROM fact_changes f WHERE f.scope = fact_changes.scope),
                    token = (SELECT SUM(f.token) FROM fact_changes f WHERE f.scope = fact_changes.scope)
                WHERE {InList("scope", "scopes")}
                  AND id = (SELECT MAX(f.id) FROM fact_changes f WHERE f.scope = fact_changes.scope)
                  AND EXISTS (SELECT 1 FROM fact_changes f WHERE f.scope = fact_changes.scope AND f.id < fact_changes.id)
                """, new { scopes }, transaction);
            connection.Execute(
                $"""
                DELETE FROM fact_changes
                WHERE {InList("scope", "scopes")} AND id < (SELECT MAX(f.id) FROM fact_changes f WHERE f.scope = fact_changes.scope)
                """, new { scopes }, transaction);
            transaction.Commit();
        }
        catch (DbException)
        {
            // Nothing was folded; the rows and the fingerprint stand as they were.
        }
    }

    /// <summary>
    /// The plans' tick versions, then each scope's changes (<see cref="FactsChecks"/>): of every plan and scope, or
    /// (<paramref name="onePlan"/>) of @planKey and @factScopes. Read first, before any facts: a write landing in between
    /// moves the fingerprint, and the next read starts afresh.
    /// </summary>
    private string FactsChecksSql(bool onePlan) =>
        "SELECT plan_key, version FROM plan_ticks" + (onePlan ? " WHERE plan_key = @planKey" : "") + ";\n" +
        "SELECT scope, CAST(SUM(weight) AS BIGINT), MAX(id), CAST(SUM(token) AS BIGINT), COUNT(*) FROM fact_changes" +
        (onePlan ? $" WHERE {InList("scope", "factScopes")}" : "") + " GROUP BY scope";

    private static FactsChecks FactsChecksFrom(SqlMapper.GridReader reader) => new(
        reader.Read<(string PlanKey, long Version)>().ToDictionary(v => v.PlanKey, v => v.Version, StringComparer.Ordinal),
        reader.Read<(string Scope, long Changes, long Last, long Tokens, long Rows)>()
            .ToDictionary(s => s.Scope, s => (new FactsFingerprint(s.Changes, s.Last, s.Tokens), s.Rows), StringComparer.Ordinal));

    /// <summary>The draws of <paramref name="rows"/>, from the cache; only those not in it are read and deserialized.</summary>
    private Dictionary<string, Draw> Draws(DbConnection connection, List<(string Id, string DrawnOn, long Length)> rows)
    {
        var draws = new Dictionary<string, Draw>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (id, drawnOn, length) in rows)
        {
            if (_draws.Find(id, drawnOn, length) is { } draw)
            {
                draws[id] = draw;
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count > 0)
        {
            var ids = missing.ToArray();
            foreach (var (id, drawnOn, json) in connection.Query<(string, string, string)>(
                $"SELECT campaign_id, drawn_on, record_json FROM draws WHERE {InList("campaign_id", "ids")}", new { ids }))
            {
                draws[id] = _draws.Add(id, drawnOn, rows.First(r => r.Id == id).Length, json);
            }
        }
        return draws;
    }

    /// <summary>How many draws <paramref name="year"/> has in the store: the next draw of the year is numbered one more.</summary>
    /// <summary>
    /// How many draws of <paramref name="year"/> the store holds and how many entities they drew: both only grow, draw by
    /// draw, so while they are what they were the year's joint checks are too.
    /// </summary>
    public (int Draws, int Entities) DrawnInYear(int year)
    {
        using var connection = Connect();
        var (draws, entities) = connection.QuerySingle<(long, long)>(
            "SELECT (SELECT COUNT(*) FROM draws WHERE year = @year), (SELECT COUNT(*) FROM drawn_entities WHERE year = @year)", new { year });
        return ((int)draws, (int)entities);
    }

    /// <summary>How many joint campaigns drew each entity in <paramref name="year"/>.</summary>
    public IReadOnlyDictionary<string, int> JointChecks(int year)
    {
        using var connection = Connect();
        return connection.Query<(string Uscc, long Count)>(
            "SELECT uscc, COUNT(*) FROM drawn_entities WHERE year = @year GROUP BY uscc", new { year })
            .ToDictionary(r => r.Uscc, r => (int)r.Count);
    }

    public IReadOnlySet<string> ExistingDeliveryKeys(IReadOnlyCollection<string> keys)
    {
        if (keys.Count == 0)
        {
            return new HashSet<string>();
        }
        // Every delivery's own key and every reminder a digest covers are items (Enqueue writes them; migration 23 filled in
        // the digests' own keys), so the items alone answer; reading deliveries too cost the deadline day a second index.
        using var connection = Connect();
        return connection.Query<string>($"SELECT item_key FROM delivery_items WHERE {InList("item_key", "keys")}", new { keys }).ToHashSet();
    }

    /// <summary>
    /// Applies a tick computed from <paramref name="snapshot"/>: guarded by its version, and skipped without a transaction
    /// when it would change nothing (most days of most plans), which is not logged in tick_log.
    /// </summary>
    public AppliedTick Apply(
        AnnualPlan plan, TickOutcome outcome, IReadOnlyList<WrittenDocument> documents, IReadOnlyList<OutboxMessage> messages,
        DateOnly today, DateTimeOffset now, string instance, PlanSnapshot snapshot) =>
        snapshot.Unchanged(outcome, documents.Count, messages.Count)
            ? AppliedTick.Nothing
            : Apply(plan, outcome, documents, messages, today, now, instance, snapshot.Version);

    /// <summary>
    /// Applies one tick of one plan in one transaction: all of it or none of it. With <paramref name="readVersion"/> (the
    /// <see cref="PlanVersion"/> read before the facts the tick was computed from) nothing is applied when another tick
    /// of the plan applied in between: that tick already did this work, and doing it again would log its transitions twice.
    /// </summary>
    public AppliedTick Apply(
        AnnualPlan plan, TickOutcome outcome, IReadOnlyList<WrittenDocument> documents, IReadOnlyList<OutboxMessage> messages,
        DateOnly today, DateTimeOffset now, string instance, long? readVersion = null)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        var applied = Apply(connection, transaction, new ReadyTick(plan, outcome, documents, messages, today, null), now, instance, readVersion, null, new AuditHead());
        if (!applied.WasSuperseded)
        {
            transaction.Commit();
        }
        return applied;
    }

    /// <summary>
    /// Applies the ticks of several plans, in order, in one transaction: each plan's tick is still all or nothing. On SQLite
    /// every commit is an fsync of the log (and, past 1,000 pages of it, a checkpoint): a draw day's 200 plans committed one
    /// by one spent most of the apply waiting on the disk. Should a plan fail, or the shared transaction itself (its
    /// commit, a lost connection), nothing of it stays and each plan is applied again alone: the one that fails is reported
    /// in its place and the others apply. The version read with each plan's facts keeps a plan whose tick did land from
    /// applying twice.
    /// <paramref name="measure"/> is told where the time went (bench-tick's phases).
    /// </summary>
    public IReadOnlyList<ApplyResult> Apply(IReadOnlyList<ReadyTick> ticks, DateTimeOffset now, string instance, Action<string, TimeSpan>? measure = null)
    {
        var results = new ApplyResult[ticks.Count];
        var changing = new List<int>();
        for (var i = 0; i < ticks.Count; i++)
        {
            var tick = ticks[i];
            if (tick.Snapshot is { } snapshot && snapshot.Unchanged(tick.Outcome, tick.Documents.Count, tick.Messages.Count))
            {
                results[i] = new ApplyResult(AppliedTick.Nothing, null);
            }
            else
            {
                changing.Add(i);
            }
        }
        if (changing.Count > 1)
        {
            try
            {
                foreach (var (i, result) in ApplyTogether(ticks, changing, now, instance, measure))
                {
                    results[i] = result;
                }
                return results;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Nothing of the shared transaction committed: fall through and apply each plan alone.
            }
        }
        foreach (var i in changing)
        {
            results[i] = ApplyAlone(ticks[i], now, instance, measure);
        }
        return results;
    }

    private List<(int Index, ApplyResult Result)> ApplyTogether(
        IReadOnlyList<ReadyTick> ticks, List<int> changing, DateTimeOffset now, string instance, Action<string, TimeSpan>? measure)
    {
        // No savepoint per plan. A superseded plan wrote nothing (moving its version is its first write, and did not move);
        // a plan that fails throws, the whole transaction rolls back, and the caller applies each plan alone, where the
        // failure stays that plan's. A savepoint per plan made SQLite keep every page a plan changed in a statement journal
        // in case it rolled back, beside the journals of bulk inserts, past 64 KiB each a temporary file (bench-tick, 200
        // campaigns: 323 MB in 81 files with the savepoints, 259 MB in 52 without); on PostgreSQL each was a subtransaction.
        var results = new List<(int, ApplyResult)>();
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        var head = new AuditHead();
        foreach (var i in changing)
        {
            var tick = ticks[i];
            results.Add((i, new ApplyResult(Apply(connection, transaction, tick, now, instance, tick.Snapshot?.Version, measure, head), null)));
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        transaction.Commit();
        measure?.Invoke("Σ apply: commit", System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return results;
    }

    private ApplyResult ApplyAlone(ReadyTick tick, DateTimeOffset now, string instance, Action<string, TimeSpan>? measure)
    {
        try
        {
            using var connection = Connect();
            using var transaction = connection.BeginTransaction();
            var applied = Apply(connection, transaction, tick, now, instance, tick.Snapshot?.Version, measure, new AuditHead());
            if (!applied.WasSuperseded)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                transaction.Commit();
                measure?.Invoke("Σ apply: commit", System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
            return new ApplyResult(applied, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new ApplyResult(null, e);
        }
    }

    /// <summary>One plan's tick, in the caller's transaction, which the caller commits (or rolls back when superseded).</summary>
    private AppliedTick Apply(
        DbConnection connection, DbTransaction transaction, ReadyTick tick, DateTimeOffset now, string instance, long? readVersion,
        Action<string, TimeSpan>? measure, AuditHead head)
    {
        var (plan, outcome, documents, messages, today, _, bodies) = tick;
        var at = now.ToString("O");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        void Measured(string part)
        {
            var next = System.Diagnostics.Stopwatch.GetTimestamp();
            measure?.Invoke(part, System.Diagnostics.Stopwatch.GetElapsedTime(started, next));
            started = next;
        }
        if (readVersion is { } version)
        {
            if (!Advance(connection, transaction, plan.Key, version, Text(today), instance, at))
            {
                return AppliedTick.Superseded;
            }
        }
        // Rows of a kind go in together and their audit rows in one batch, in the order one row at a time would give:
        // a draw day applies some 70,000 documents, and each took an insert, a read of the audit head and an audit insert.
        // A plan's campaigns in one upsert, then its draws and their entities: a statement per campaign was a round trip
        // each on PostgreSQL, 2,000 of them on every tick of a province that changed anything.
        // Only campaigns that are new or move: the upsert leaves the others as they are anyway, and writing them cost a
        // PostgreSQL round trip per plan on every tick (a province's deadline day: 200 plans, no campaign moving). The
        // states read with the version are the stored ones while the version holds: only a tick writes a state.
        BulkInsert.Rows(connection, transaction, "campaigns", ["id", "plan_key", "year", "state", "updated_at"],
            outcome.Campaigns
                .Where(c => tick.Snapshot?.Holds(c) != true)
                .Select(c => new object?[] { c.CampaignId, plan.Key, (long)plan.Year, c.State.ToString(), at }),
            "ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at WHERE campaigns.state <> excluded.state");
        var draws = outcome.Campaigns.Select(c => c.NewDraw).OfType<Draw>().Select(d => (Draw: d, Json: JsonSerializer.Serialize(d, Json))).ToList();
        BulkInsert.Rows(connection, transaction, "draws", ["campaign_id", "year", "drawn_on", "record_json"],
            draws.Select(d => new object?[] { d.Draw.CampaignId, (long)plan.Year, Text(d.Draw.DrawnOn), d.Json }));
        BulkInsert.Rows(connection, transaction, "drawn_entities", ["campaign_id", "year", "uscc", "position"],
            draws.SelectMany(d => d.Draw.Entities.Select((e, i) => new object?[] { d.Draw.CampaignId, (long)plan.Year, e.Uscc, (long)(i + 1) })));
        var drawAudits = draws.Select(d => ("draw", (string?)d.Draw.CampaignId, AuditDetails.Draw(d.Draw, d.Json))).ToList();
        Audit(connection, transaction, now, instance, drawAudits, head);
        Measured("Σ apply: campaigns and draws");
        var transitions = outcome.Transitions.ToList();
        BulkInsert.Rows(connection, transaction, "transitions",
            ["campaign_id", "on_date", "from_state", "to_state", "trigger", "detail", "recorded_at", "instance"],
            transitions.Select(t => new object?[] { t.CampaignId, Text(t.On), t.From.ToString(), t.To.ToString(), t.Trigger.ToString(), t.Detail, at, instance }));
        Audit(connection, transaction, now, instance, [.. transitions.Select(t => ("transition", (string?)t.CampaignId, (object)AuditDetails.Transition(t)))], head);

        var (raised, cleared) = ApplyFlags(connection, transaction, plan, outcome.Flags, today, noneActive: tick.Snapshot?.ActiveFlagDetails.Count == 0);
        AuditFlags(connection, transaction, plan, raised, cleared, now, instance, head);
        Measured("Σ apply: transitions and flags");

        // The last of a path ordered twice wins, as it did row by row (an upsert may not touch a row twice in one statement).
        BulkInsert.Rows(connection, transaction, "documents", ["path", "campaign_id", "sha256", "written_at"],
            documents.GroupBy(d => d.Path).Select(g => g.Last()).Select(d => new object?[] { d.Path, d.CampaignId, d.Sha256, at }),
            "ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, written_at = excluded.written_at");
        Audit(connection, transaction, now, instance,
            [.. documents.Select(d => ("document-written", d.CampaignId, (object)new { d.Path, d.Sha256 }))], head);
        Measured("Σ apply: documents");

        var queued = Enqueue(connection, transaction, messages, bodies, now, instance, head);
        Measured("Σ apply: outbox");
        return new AppliedTick([.. outcome.Transitions], raised, cleared, queued);
    }

    /// <summary>
    /// Puts messages in the outbox; a key already there is left alone (the message is owed once). Returns those new.
    /// <paramref name="bodies"/> are the messages' bodies already packed (<see cref="MailBodies.Pack"/>), in order; null packs them here.
    /// </summary>
    private List<OutboxMessage> Enqueue(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<OutboxMessage> messages, IReadOnlyList<byte[]>? bodies, DateTimeOffset now, string instance,
        AuditHead? head = null)
    {
        if (bodies is not null && bodies.Count != messages.Count)
        {
            throw new ArgumentException($"{bodies.Count} packed bodies for {messages.Count} messages", nameof(bodies));
        }
        var at = now.ToString("O");
        // A key already in the outbox is skipped by ON CONFLICT; RETURNING names the rows that went in.
        var inserted = BulkInsert.Rows<string>(connection, transaction, "deliveries",
            ["idempotency_key", "kind", "campaign_id", "recipient_name", "recipient_email", "subject", "text_body", "bodies", "attachments_json", "state",
                "attempts", "next_attempt_at", "created_at"],
            messages.Select((m, i) => new object?[]
            {
                m.IdempotencyKey, m.Kind, m.CampaignId, m.RecipientName, m.RecipientEmail, m.Subject, "",
                bodies?[i] ?? MailBodies.Pack(m.TextBody, m.HtmlBody), JsonSerializer.Serialize(m.Attachments), "pending", 0L, at, at,
            }),
            "ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key").ToHashSet();
        var queued = messages.Where(m => inserted.Contains(m.IdempotencyKey)).DistinctBy(m => m.IdempotencyKey).ToList();
        BulkInsert.Rows(connection, transaction, "delivery_items", ["item_key", "delivery_key"],
            queued.SelectMany(m => (m.Items ?? []).Prepend(m.IdempotencyKey).Select(item => new object?[] { item, m.IdempotencyKey })).DistinctBy(r => r[0]),
            "ON CONFLICT (item_key) DO NOTHING");
        Audit(connection, transaction, now, instance, [.. queued.Select(m => ("delivery-queued", m.CampaignId, (object)AuditDetails.Queued(m)))], head);
        return queued;
    }

    /// <summary>
    /// Raises, updates and clears the plan's flags to <paramref name="flags"/>. <paramref name="noneActive"/>: the plan's
    /// snapshot, whose version this apply holds, saw no active flag, so none is read (only a tick of the plan writes its
    /// flags): a province's deadline day read nothing 200 times, and its first overdue day as many, a round trip each.
    /// </summary>
    private (List<OverdueFlag> Raised, List<OverdueFlag> Cleared) ApplyFlags(
        DbConnection connection, DbTransaction transaction, AnnualPlan plan, IReadOnlyList<OverdueFlag> flags, DateOnly today, bool noneActive)
    {
        string[] scopes = [plan.Key, .. plan.Campaigns.Select(c => c.Id)];
        var active = noneActive ? [] : connection.Query<FlagRow>(
            $"SELECT flag_key, scope, kind, subject, since, detail, raised_on, cleared_on FROM flags WHERE cleared_on IS NULL AND {InList("scope", "scopes")}",
            new { scopes }, transaction).ToDictionary(f => f.FlagKey);
        var wanted = flags.ToDictionary(f => f.Key);
        var raised = new List<OverdueFlag>();
        raised.AddRange(flags.Where(f => !active.ContainsKey(f.Key)));
        BulkInsert.Rows(connection, transaction, "flags", ["flag_key", "scope", "kind", "subject", "since", "detail", "raised_on"],
            raised.Select(flag => new object?[] { flag.Key, flag.Scope, flag.Kind.WireName(), flag.Subject, Text(flag.Since), flag.Detail, Text(today) }));
        // Detail changes as results come in (fewer missing); the flag stays the same flag. Its since only moves earlier
        // (a follow-up entered late whose deadline passed before the flag was raised): the flag keeps the earliest day.
        var changed = wanted.Where(w => active.ContainsKey(w.Key) && (active[w.Key].Detail != w.Value.Detail || Date(active[w.Key].Since) > w.Value.Since))
            .Select(w => (Key: w.Key, w.Value.Detail, Since: Text(Date(active[w.Key].Since) < w.Value.Since ? Date(active[w.Key].Since) : w.Value.Since)))
            .ToList();
        if (connection is NpgsqlConnection && changed.Count > 0)
        {
            // Every open flag of a plan can change on a day results come in: one statement, not a round trip each.
            connection.Execute(
                """
                UPDATE flags SET detail = u.detail, since = u.since FROM unnest(@keys, @details, @sinces) AS u(flag_key, detail, since)
                WHERE flags.flag_key = u.flag_key AND flags.cleared_on IS NULL
                """,
                new { keys = changed.Select(c => c.Key).ToArray(), details = changed.Select(c => c.Detail).ToArray(), sinces = changed.Select(c => c.Since).ToArray() },
                transaction);
        }
        else
        {
            foreach (var (key, detail, since) in changed)
            {
                connection.Execute("UPDATE flags SET detail = @detail, since = @since WHERE flag_key = @key AND cleared_on IS NULL", new { detail, since, key }, transaction);
            }
        }
        var clearing = active.Values.Where(a => !wanted.ContainsKey(a.FlagKey)).ToList();
        if (clearing.Count > 0)
        {
            connection.Execute($"UPDATE flags SET cleared_on = @today WHERE cleared_on IS NULL AND {InList("flag_key", "keys")}",
                new { today = Text(today), keys = clearing.Select(c => c.FlagKey).ToArray() }, transaction);
        }
        var cleared = clearing.Select(row => new OverdueFlag(FlagNames.Parse(row.Kind), row.Scope, row.Subject, Date(row.Since), row.Detail)).ToList();
        return (raised, cleared);
    }

    /// <summary>Records where and when the office published a campaign's results; a second confirmation changes nothing.</summary>
    public bool ConfirmPublication(string campaignId, Publication publication, DateTimeOffset now, string actor = "cli:publish") =>
        Confirm("publications", "publication-confirmed", campaignId, publication, now, actor);

    /// <summary>Records where and when the office published its own bulletin (一抽查一通报, 001 (十一)); a second confirmation changes nothing.</summary>
    public bool ConfirmBulletin(string campaignId, Publication bulletin, DateTimeOffset now, string actor = "cli:publish") =>
        Confirm("bulletins", "bulletin-confirmed", campaignId, bulletin, now, actor);

    /// <summary>The first confirmation of a publication or bulletin (tables of the same shape), audited; later ones change nothing.</summary>
    private bool Confirm(string table, string action, string campaignId, Publication publication, DateTimeOffset now, string actor)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        var recorded = connection.Execute(
            $"""
            INSERT INTO {table} (campaign_id, url, published_on, recorded_at) VALUES (@campaignId, @Url, @on, @at)
            ON CONFLICT (campaign_id) DO NOTHING
            """,
            new { campaignId, publication.Url, on = Text(publication.On), at = now.ToString("O") }, transaction) == 1;
        if (recorded)
        {
            Audit(connection, transaction, now, actor, action, campaignId, publication);
        }
        transaction.Commit();
        return recorded;
    }

    /// <summary>
    /// Records where and when a department published its own results (谁检查、谁录入、谁公示), for a plan that sets
    /// `publicity_by: department`; a second confirmation of the same department changes nothing. Audited with the actor given
    /// (the CLI's or the web console's).
    /// </summary>
    public bool ConfirmDepartmentPublication(string campaignId, string departmentId, Publication publication, DateTimeOffset now, string actor = "cli:publish")
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        var recorded = connection.Execute(
            """
            INSERT INTO department_publications (campaign_id, department_id, url, published_on, recorded_at) VALUES (@campaignId, @departmentId, @Url, @on, @at)
            ON CONFLICT (campaign_id, department_id) DO NOTHING
            """,
            new { campaignId, departmentId, publication.Url, on = Text(publication.On), at = now.ToString("O") }, transaction) == 1;
        if (recorded)
        {
            Audit(connection, transaction, now, actor, "department-publication-confirmed", campaignId, new { departmentId, publication.Url, publication.On });
        }
        transaction.Commit();
        return recorded;
    }

    /// <summary>Each department's own confirmation of its results' publicity, by department id.</summary>
    public IReadOnlyDictionary<string, Publication> DepartmentPublicationsOf(string campaignId)
    {
        using var connection = Connect();
        return connection.Query<(string Department, string Url, string On)>(
            "SELECT department_id, url, published_on FROM department_publications WHERE campaign_id = @campaignId", new { campaignId })
            .ToDictionary(r => r.Department, r => new Publication(r.Url, Date(r.On)));
    }

    /// <summary>Records that a department confirmed receipt of its dispatched list (002 五(三)2); a second confirmation changes nothing.</summary>
    public bool ConfirmList(string campaignId, string departmentId, DateOnly on, string by, DateTimeOffset now, string actor = "cli:confirm-list")
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        var recorded = connection.Execute(
            """
            INSERT INTO list_confirmations (campaign_id, department_id, confirmed_on, confirmed_by, recorded_at) VALUES (@campaignId, @departmentId, @on, @by, @at)
            ON CONFLICT (campaign_id, department_id) DO NOTHING
            """,
            new { campaignId, departmentId, on = Text(on), by, at = now.ToString("O") }, transaction) == 1;
        if (recorded)
        {
            Audit(connection, transaction, now, actor, "list-confirmed", campaignId, new { departmentId, on, by });
        }
        transaction.Commit();
        return recorded;
    }

    /// <summary>Each department's confirmation of its list, in department order of confirmation.</summary>
    public IReadOnlyList<(string DepartmentId, string ConfirmedOn, string ConfirmedBy)> ListConfirmationsOf(string campaignId)
    {
        using var connection = Connect();
        return [.. connection.Query<(string, string, string)>(
            "SELECT department_id, confirmed_on, confirmed_by FROM list_confirmations WHERE campaign_id = @campaignId ORDER BY confirmed_on, department_id", new { campaignId })];
    }

    public Publication? BulletinOf(string campaignId)
    {
        using var connection = Connect();
        return connection.Query<(string Url, string On)>(
            "SELECT url, published_on FROM bulletins WHERE campaign_id = @campaignId", new { campaignId })
            .Select(row => new Publication(row.Url, Date(row.On)))
            .FirstOrDefault();
    }

    public Publication? PublicationOf(string campaignId)
    {
        using var connection = Connect();
        return connection.Query<(string Url, string On)>(
            "SELECT url, published_on FROM publications WHERE campaign_id = @campaignId", new { campaignId })
            .Select(row => new Publication(row.Url, Date(row.On)))
            .FirstOrDefault();
    }

    public int AddResults(IReadOnlyList<ResultEntry> entries, string source)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        var added = InsertResults(connection, transaction, entries, source);
        transaction.Commit();
        return added;
    }

    /// <summary>A campaign's results as they stand: each with the code of its latest correction.</summary>
    public IReadOnlyList<ResultEntry> Results(string campaignId)
    {
        using var connection = Connect();
        return ReadResults(connection, [campaignId]);
    }

    /// <summary>Appends corrections of entered results, in one transaction; the results themselves never change.</summary>
    public void AddCorrections(IReadOnlyList<ResultCorrection> corrections, string source)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        InsertCorrections(connection, transaction, corrections, source);
        transaction.Commit();
    }

    public IReadOnlyList<ResultCorrection> Corrections(string campaignId)
    {
        using var connection = Connect();
        return ReadCorrections(connection, [campaignId]);
    }

    /// <summary>Records how a follow-up was closed; appended, so a later closure of the same result supersedes it.</summary>
    public void CloseFollowUp(FollowUpClosure closure, string actor = "cli:followup") => CloseFollowUps([closure], actor);

    /// <summary>Records several closures in one transaction, each audited in turn as <see cref="CloseFollowUp"/> would.</summary>
    public void CloseFollowUps(IReadOnlyList<FollowUpClosure> closures, string actor)
    {
        if (closures.Count == 0)
        {
            return;
        }
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        BulkInsert.Rows(connection, transaction, "follow_up_closures", ["campaign_id", "uscc", "department_id", "action", "note", "closed_on"],
            closures.Select(c => new object?[] { c.CampaignId, c.Uscc, c.DepartmentId, c.Action.ToString(), c.Note, Text(c.ClosedOn) }));
        Audit(connection, transaction, _time.GetUtcNow(), actor, [.. closures.Select(c => ("follow-up-closed", (string?)c.CampaignId, (object)c))]);
        transaction.Commit();
    }

    public IReadOnlyList<FollowUpClosure> FollowUpClosures(string campaignId)
    {
        using var connection = Connect();
        return ReadClosures(connection, [campaignId]);
    }

    private string ClosuresSql() =>
        $"SELECT campaign_id, uscc, department_id, action, note, closed_on FROM follow_up_closures WHERE {InList("campaign_id", "ids")} ORDER BY seq";

    private IReadOnlyList<FollowUpClosure> ReadClosures(DbConnection connection, string[] ids) =>
        Closures(connection.Query<ClosureRow>(ClosuresSql(), new { ids }));

    private static List<FollowUpClosure> Closures(IEnumerable<ClosureRow> rows) =>
        [.. rows.Select(r => new FollowUpClosure(r.CampaignId, r.Uscc, r.DepartmentId, Enum.Parse<FollowUpAction>(r.Action), r.Note, Date(r.On)))];

    /// <summary>The results as entered, without corrections: the first half of a record's history.</summary>
    public IReadOnlyList<ResultEntry> ResultsAsEntered(string campaignId)
    {
        using var connection = Connect();
        return ReadEntered(connection, [campaignId]);
    }

    private IReadOnlyList<ResultEntry> ReadResults(DbConnection connection, string[] ids, DbTransaction? transaction = null) =>
        ResultCorrections.Apply(ReadEntered(connection, ids, transaction), ReadCorrections(connection, ids, transaction));

    private string EnteredSql() =>
        $"""
        SELECT campaign_id, uscc, department_id, code, inspected_on, entered_on, remarks, inspectors, handling_opinion, signed, refusal_reason, item,
               questions_answered
        FROM results WHERE {InList("campaign_id", "ids")} ORDER BY seq
        """;

    private IReadOnlyList<ResultEntry> ReadEntered(DbConnection connection, string[] ids, DbTransaction? transaction = null) =>
        Entered(connection.Query<EnteredRow>(EnteredSql(), new { ids }, transaction));

    private static List<ResultEntry> Entered(IEnumerable<EnteredRow> rows) =>
        [.. rows.Select(r => new ResultEntry(r.CampaignId, r.Uscc, r.DepartmentId, (ResultCode)r.Code, Date(r.InspectedOn), Date(r.EnteredOn), r.Remarks,
            r.Inspectors?.Split(';'), r.Opinion, r.Signed is null ? null : r.Signed == 1, r.Refusal, r.Item.Length == 0 ? null : r.Item, r.Answered == 1))];

    private string CorrectionsSql() =>
        $"""
        SELECT campaign_id, uscc, department_id, previous_code, code, reason, signed_by, corrected_on, item
        FROM result_corrections WHERE {InList("campaign_id", "ids")} ORDER BY seq
        """;

    private IReadOnlyList<ResultCorrection> ReadCorrections(DbConnection connection, string[] ids, DbTransaction? transaction = null) =>
        Corrections(connection.Query<CorrectionRow>(CorrectionsSql(), new { ids }, transaction));

    private static List<ResultCorrection> Corrections(IEnumerable<CorrectionRow> rows) =>
        [.. rows.Select(r => new ResultCorrection(r.CampaignId, r.Uscc, r.DepartmentId, (ResultCode)r.Previous, (ResultCode)r.Code, r.Reason, r.SignedBy, Date(r.On),
            r.Item.Length == 0 ? null : r.Item))];

    /// <summary>Appends a substitution; its sequence number is the key, so two racing appends cannot both land.</summary>
    public void AddSubstitution(Substitution substitution)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        connection.Execute("INSERT INTO substitutions (campaign_id, sequence, record_json) VALUES (@CampaignId, @Sequence, @json)",
            new { substitution.CampaignId, substitution.Sequence, json = JsonSerializer.Serialize(substitution, Json) }, transaction);
        Audit(connection, transaction, _time.GetUtcNow(), "cli:substitute", "substitution", substitution.CampaignId, substitution);
        transaction.Commit();
    }

    public IReadOnlyList<Substitution> Substitutions(string campaignId)
    {
        using var connection = Connect();
        return [.. connection.Query<string>("SELECT record_json FROM substitutions WHERE campaign_id = @campaignId ORDER BY sequence", new { campaignId })
            .Select(json => JsonSerializer.Deserialize<Substitution>(json, Json)!)];
    }

    /// <summary>The draw exactly as recorded, never changed by substitutions.</summary>
    public Draw? Draw(string campaignId)
    {
        using var connection = Connect();
        var json = connection.QuerySingleOrDefault<string>("SELECT record_json FROM draws WHERE campaign_id = @campaignId", new { campaignId });
        return json is null ? null : JsonSerializer.Deserialize<Draw>(json, Json);
    }

    /// <summary>
    /// Puts a dead or pending row back in line now, with a fresh count of attempts (an admin fixed the address or the
    /// server). A sent row is never resent: false, as for an unknown id.
    /// </summary>
    public bool Retry(long id, DateTimeOffset now, string actor = "cli:deliveries retry")
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        var retried = connection.Execute(
            "UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = @now WHERE id = @id AND state <> 'sent'",
            new { id, now = now.ToString("O") }, transaction) == 1;
        if (retried)
        {
            AuditDelivery(connection, transaction, id, now, actor, "delivery-retried");
        }
        transaction.Commit();
        return retried;
    }

    public IReadOnlyList<CampaignRow> Campaigns()
    {
        using var connection = Connect();
        return [.. connection.Query<CampaignRow>("SELECT id, plan_key AS PlanKey, year, state, updated_at AS UpdatedAt FROM campaigns ORDER BY year, id")];
    }

    public IReadOnlyList<FlagRow> ActiveFlags()
    {
        using var connection = Connect();
        return [.. connection.Query<FlagRow>(
            "SELECT flag_key AS FlagKey, scope, kind, subject, since, detail, raised_on AS RaisedOn, cleared_on AS ClearedOn FROM flags WHERE cleared_on IS NULL ORDER BY id")];
    }

    public IReadOnlyList<DeliveryRow> Deliveries(string? state = null)
    {
        using var connection = Connect();
        return [.. connection.Query<DeliveryRow>(
            """
            SELECT id, idempotency_key AS IdempotencyKey, kind, campaign_id AS CampaignId, recipient_email AS RecipientEmail, subject, state,
                   attempts, created_at AS CreatedAt, sent_at AS SentAt, last_error AS LastError
            FROM deliveries WHERE @state IS NULL OR state = @state ORDER BY id
            """,
            new { state })];
    }

    public IReadOnlyList<(string CampaignId, string On, string From, string To, string Trigger, string Detail)> TransitionLog()
    {
        using var connection = Connect();
        return [.. connection.Query<(string, string, string, string, string, string)>(
            "SELECT campaign_id, on_date, from_state, to_state, trigger, detail FROM transitions ORDER BY seq")];
    }

    /// <summary>One campaign's transitions, in order.</summary>
    public IReadOnlyList<(string CampaignId, string On, string From, string To, string Trigger, string Detail)> TransitionsOf(string campaignId)
    {
        using var connection = Connect();
        return [.. connection.Query<(string, string, string, string, string, string)>(
            "SELECT campaign_id, on_date, from_state, to_state, trigger, detail FROM transitions WHERE campaign_id = @campaignId ORDER BY seq",
            new { campaignId })];
    }

    /// <summary>The seq of the first audit row that breaks the hash chain, or null when the whole trail holds.</summary>
    public long? VerifyAuditTrail()
    {
        using var connection = Connect();
        return AuditTrail.Verify(connection);
    }

    /// <summary>Checks the audit trail's rows after <paramref name="from"/>, or all of them (<see cref="AuditTrail.Check"/>).</summary>
    public AuditCheckpoint CheckAuditTrail(AuditCheckpoint? from = null)
    {
        using var connection = Connect();
        return AuditTrail.Check(connection, from);
    }

    /// <summary>The audit rows of one campaign, in order (each still chained to the whole trail).</summary>
    public IReadOnlyList<AuditEntry> AuditTrailOf(string campaignId)
    {
        using var connection = Connect();
        return AuditTrail.Of(connection, campaignId);
    }

    /// <summary>The last audit row: recorded elsewhere (an archive manifest), it shows later whether rows were cut off the end.</summary>
    public AuditEntry? AuditHead()
    {
        using var connection = Connect();
        return AuditTrail.Head(connection);
    }

    /// <summary>
    /// Records that the office asks to archive a reported campaign (立卷归档, 003 §27); the lifecycle's Archive trigger fires
    /// on the first tick on or after <paramref name="on"/>. Only a Reported (or already Archived) campaign can be asked for,
    /// and a second request keeps the first date, so asking again changes nothing.
    /// </summary>
    public ArchiveRequest RequestArchive(string campaignId, DateOnly on, DateTimeOffset now, string actor)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        var row = connection.QuerySingleOrDefault<(string State, string? RequestedOn)?>(
            "SELECT state, archive_requested_on FROM campaigns WHERE id = @campaignId", new { campaignId }, transaction);
        if (row is not { } campaign)
        {
            return new ArchiveRequest(null, null, false);
        }
        var state = Enum.Parse<CampaignState>(campaign.State);
        if (campaign.RequestedOn is not null || state is not (CampaignState.Reported or CampaignState.Archived))
        {
            return new ArchiveRequest(state, campaign.RequestedOn is null ? null : Date(campaign.RequestedOn), false);
        }
        connection.Execute("UPDATE campaigns SET archive_requested_on = @on WHERE id = @campaignId", new { on = Text(on), campaignId }, transaction);
        Audit(connection, transaction, now, actor, "archive-requested", campaignId, new { on });
        transaction.Commit();
        return new ArchiveRequest(state, on, true);
    }

    private void AuditFlags(
        DbConnection connection, DbTransaction transaction, AnnualPlan plan, List<OverdueFlag> raised, List<OverdueFlag> cleared,
        DateTimeOffset now, string instance, AuditHead head)
    {
        // A flag's scope is a campaign or the whole plan (plan-not-published); only the former belongs to a campaign's file.
        string? CampaignOf(OverdueFlag flag) => plan.Campaigns.Any(c => c.Id == flag.Scope) ? flag.Scope : null;
        Audit(connection, transaction, now, instance,
            [.. raised.Select(f => ("flag-raised", CampaignOf(f), (object)AuditDetails.Flag(f))), .. cleared.Select(f => ("flag-cleared", CampaignOf(f), (object)AuditDetails.Flag(f)))], head);
    }

    private void AuditResults(DbConnection connection, DbTransaction transaction, IReadOnlyList<ResultEntry> entries, string source, int added)
    {
        if (added == 0)
        {
            return;
        }
        // The sheet as submitted: rows already recorded were left as they were (ON CONFLICT DO NOTHING), `added` says how many were new.
        // A row per campaign, chained after one read of the trail's head.
        Audit(connection, transaction, _time.GetUtcNow(), source, [.. entries.GroupBy(e => e.CampaignId).Select(campaign => ("results-entered", (string?)campaign.Key, (object)new
        {
            source,
            added,
            entries = campaign.Select(e => new { e.Uscc, e.DepartmentId, code = (int)e.Code, e.InspectedOn, e.EnteredOn, e.Remarks }),
        }))]);
    }

    private void AuditDelivery(DbConnection connection, DbTransaction transaction, long id, DateTimeOffset at, string actor, string action)
    {
        var row = connection.QuerySingleOrDefault<(string? CampaignId, string Key, string State, long Attempts, string? LastError)?>(
            "SELECT campaign_id, idempotency_key, state, attempts, last_error FROM deliveries WHERE id = @id", new { id }, transaction);
        if (row is { } delivery)
        {
            Audit(connection, transaction, at, actor, action, delivery.CampaignId,
                new { id, key = delivery.Key, state = delivery.State, attempts = delivery.Attempts, lastError = delivery.LastError });
        }
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
