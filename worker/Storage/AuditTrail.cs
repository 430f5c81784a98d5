using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Campaigns.Operations;
using Dapper;
using System.Data.Common;

namespace Campaigns.Storage;

/// <summary>
/// The append-only, hash-chained record of every change the store makes (003 §27: everything archived), written in
/// the transaction of the change itself, so a change and its audit row land together or not at all.
/// <para>
/// A row's hash is the lower-case hex SHA-256 of the UTF-8 bytes of its canonical string: for each of seq, at, actor,
/// action, campaign_id, detail_json and previous_hash in that order, the field's UTF-8 byte length in decimal, a colon,
/// the field and a line feed (<c>LF</c>); a null campaign_id is written <c>~</c> and a line feed instead. The first
/// row's previous_hash is 64 zeros; every other row's is the hash of the row before it. Length prefixes make the
/// string unambiguous whatever the fields hold, and seq inside it makes a renumbered row fail too.
/// </para>
/// </summary>
internal static class AuditTrail
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = JsonMetadata.Resolver,
    };

    private const string Columns =
        "seq AS Seq, at AS At, actor AS Actor, action AS Action, campaign_id AS CampaignId, detail_json AS DetailJson, previous_hash AS PreviousHash, hash AS Hash";

    /// <summary>Reads the last row, the head new rows follow (null: the trail is empty).</summary>
    public const string HeadSql = $"SELECT {Columns} FROM audit_trail ORDER BY seq DESC LIMIT 1";

    /// <summary>
    /// Appends rows after <paramref name="head"/>, read in this transaction, which then moves to the last row appended. The
    /// caller holds the store's audit lock (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL) until it commits, so
    /// no other writer can take the same seq.
    /// </summary>
    public static void Append(
        DbConnection connection, DbTransaction transaction, DateTimeOffset at, string actor,
        IEnumerable<(string Action, string? CampaignId, object Detail)> rows, AuditHead head)
    {
        if (!head.Known)
        {
            throw new InvalidOperationException("The audit trail's head must be read, under the audit lock, before rows are appended.");
        }
        var last = head.Last;
        var entries = new List<AuditEntry>();
        foreach (var (action, campaignId, detail) in rows)
        {
            var entry = new AuditEntry(
                (last?.Seq ?? 0) + 1, at.ToString("O", CultureInfo.InvariantCulture), actor, action, campaignId,
                JsonSerializer.Serialize(detail, Json), last?.Hash ?? Genesis, "");
            last = entry with { Hash = HashOf(entry) };
            entries.Add(last);
        }
        BulkInsert.Rows(connection, transaction, "audit_trail", ["seq", "at", "actor", "action", "campaign_id", "detail_json", "previous_hash", "hash"],
            entries.Select(e => new object?[] { e.Seq, e.At, e.Actor, e.Action, e.CampaignId, e.DetailJson, e.PreviousHash, e.Hash }));
        head.MovedTo(last);
    }

    /// <summary>The canonical string's hash; see the class summary.</summary>
    public static string HashOf(AuditEntry entry)
    {
        var canonical = new StringBuilder();
        foreach (var field in new[] { entry.Seq.ToString(CultureInfo.InvariantCulture), entry.At, entry.Actor, entry.Action, entry.CampaignId, entry.DetailJson, entry.PreviousHash })
        {
            canonical.Append(field is null ? "~" : $"{Encoding.UTF8.GetByteCount(field)}:{field}").Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>
    /// The seq of the first row whose hash does not match its fields or whose previous_hash is not the hash of the row
    /// before it; null when the whole chain holds. Removing the last rows cannot be seen from inside the chain: compare
    /// the head with one recorded elsewhere (an archive bundle's manifest).
    /// </summary>
    public static long? Verify(DbConnection connection) => Check(connection, null).BrokenAt;

    /// <summary>
    /// Checks the rows after <paramref name="from"/> (all of them without one) and says how far the chain now holds. A
    /// chain once found broken stays broken: a later row cannot mend it.
    /// </summary>
    public static AuditCheckpoint Check(DbConnection connection, AuditCheckpoint? from)
    {
        if (from?.BrokenAt is not null)
        {
            return from;
        }
        var (seq, previous) = (from?.Seq ?? 0, from?.Hash ?? Genesis);
        foreach (var entry in connection.Query<AuditEntry>($"SELECT {Columns} FROM audit_trail WHERE seq > @seq ORDER BY seq", new { seq }, buffered: false))
        {
            if (entry.PreviousHash != previous || HashOf(entry) != entry.Hash)
            {
                return new AuditCheckpoint(seq, previous, entry.Seq);
            }
            (seq, previous) = (entry.Seq, entry.Hash);
        }
        return new AuditCheckpoint(seq, previous, null);
    }

    public static IReadOnlyList<AuditEntry> Of(DbConnection connection, string campaignId) =>
        [.. connection.Query<AuditEntry>($"SELECT {Columns} FROM audit_trail WHERE campaign_id = @campaignId ORDER BY seq", new { campaignId })];

    public static AuditEntry? Head(DbConnection connection) =>
        connection.QuerySingleOrDefault<AuditEntry>(HeadSql);
}
