using System.Text.Json;
using Campaigns.Core.Archive;
using Campaigns.Operations;
using Campaigns.Storage;

namespace Campaigns.Archive;

/// <summary>
/// Gathers one campaign's file (立卷, 003 §27): every document written for it (with the directory snapshot and the
/// .ics files), the draw record, substitutions, results, deliveries, transitions and the campaign's audit rows as
/// JSON, and the manifest over all of them.
/// </summary>
public static class CampaignArchive
{
    public const string DocumentsFolder = "documents/";
    public const string RecordsFolder = "records/";

    public static readonly JsonSerializerOptions Json = JsonMetadata.Readable;

    /// <summary>The zip, its manifest, and how far the audit chain was checked for it (for the next bundle of the same pass).</summary>
    public sealed record Bundle(byte[] Zip, ArchiveManifest Manifest, string ManifestSha256, AuditCheckpoint AuditChecked);

    /// <summary>
    /// The bundle of <paramref name="campaign"/>; its draw's directory snapshot is kept once per content beside the bundles in
    /// <paramref name="archiveFolder"/> (<see cref="SharedSnapshots"/>). Given where an earlier bundle of the same pass left
    /// its check of the audit chain (<paramref name="auditChecked"/>), only the rows appended since are checked; without it,
    /// the whole chain.
    /// </summary>
    public static Bundle Build(
        CampaignStore store, CampaignRow campaign, DateOnly requestedOn, string documentsRoot, string archiveFolder, AuditCheckpoint? auditChecked = null)
    {
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        var folder = Path.Combine(documentsRoot, Core.Paths.DocumentPaths.CampaignFolder((int)campaign.Year, campaign.Id));
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)))
            {
                documents[DocumentsFolder + Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/')] = file;
            }
        }
        var draw = store.Draw(campaign.Id);
        var shared = SharedSnapshots.Keep(documents, draw, archiveFolder);
        var files = documents.ToDictionary(d => d.Key, d => System.IO.File.ReadAllBytes(d.Value), StringComparer.Ordinal);
        var audit = store.AuditTrailOf(campaign.Id);
        Add(files, "draw.json", draw);
        Add(files, "substitutions.json", store.Substitutions(campaign.Id));
        Add(files, "results.json", store.Results(campaign.Id));
        // The history behind the results as they stand: as entered, every correction, the follow-ups, the publication.
        Add(files, "results-as-entered.json", store.ResultsAsEntered(campaign.Id));
        Add(files, "corrections.json", store.Corrections(campaign.Id));
        Add(files, "follow-up-closures.json", store.FollowUpClosures(campaign.Id));
        Add(files, "publication.json", store.PublicationOf(campaign.Id));
        if (store.ListConfirmationsOf(campaign.Id) is { Count: > 0 } confirmations)
        {
            // Only a plan that asks departments to confirm their list (002 五(三)2) has these.
            Add(files, "list-confirmations.json", confirmations.Select(c => new { department = c.DepartmentId, confirmedOn = c.ConfirmedOn, confirmedBy = c.ConfirmedBy }));
        }
        if (store.DepartmentPublicationsOf(campaign.Id) is { Count: > 0 } own)
        {
            // Only a plan with `publicity_by: department` has each department confirm its own publicity (谁检查、谁录入、谁公示).
            Add(files, "department-publications.json", own.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new { department = p.Key, url = p.Value.Url, publishedOn = p.Value.On }));
        }
        if (store.BulletinOf(campaign.Id) is { } bulletin)
        {
            // Only an office that follows 001 (十一) confirms a bulletin (一抽查一通报).
            Add(files, "bulletin.json", bulletin);
        }
        Add(files, "deliveries.json", store.DeliveriesOf(campaign.Id));
        Add(files, "transitions.json", store.TransitionsOf(campaign.Id)
            .Select(t => new { on = t.On, from = t.From, to = t.To, trigger = t.Trigger, detail = t.Detail }));
        Add(files, "audit-trail.json", audit);

        var check = store.CheckAuditTrail(auditChecked);
        var head = store.AuditHead();
        var manifest = new ArchiveManifest(
            campaign.Id, (int)campaign.Year, campaign.State, requestedOn,
            new AuditAnchor(check.BrokenAt is null, check.BrokenAt, audit.LastOrDefault()?.Seq, audit.LastOrDefault()?.Hash, head?.Seq, head?.Hash),
            ArchiveManifest.Describe(files),
            shared);
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, Json);
        files[ArchiveManifest.FileName] = manifestBytes;
        return new Bundle(ArchiveBundle.Create(files, requestedOn), manifest, ArchiveManifest.Sha256(manifestBytes), check);
    }

    /// <summary>
    /// Builds the bundle, writes it as {folder}/{campaign}.archive.zip (beside and renamed over, never half written) and
    /// files it: the manifest's SHA-256 goes into the hash-chained audit trail, so a bundle whose file was changed and
    /// whose manifest was recomputed no longer matches the store's record. Filing again records again; the new bundle
    /// carries the earlier filings in its audit records.
    /// </summary>
    public static FiledBundle Write(
        CampaignStore store, CampaignRow campaign, DateOnly requestedOn, string documentsRoot, string folder, DateTimeOffset now, string actor)
    {
        OwnerOnly.CreateFolder(folder);
        return File(store, campaign, Build(store, campaign, requestedOn, documentsRoot, folder), folder, now, actor, onlyIfOwed: false)!;
    }

    /// <summary>
    /// The second half of <see cref="Write"/>: a bundle built already is written and filed. With <paramref name="onlyIfOwed"/>
    /// (the worker's job, which may run twice) the bundle is renamed into place and filed only while the campaign is still
    /// owed one; else null, and the file already there, the one the store recorded, stays.
    /// </summary>
    public static FiledBundle? File(CampaignStore store, CampaignRow campaign, Bundle bundle, string folder, DateTimeOffset now, string actor, bool onlyIfOwed)
    {
        var path = Path.Combine(folder, $"{Core.Paths.PortableName.Segment(campaign.Id)}.archive.zip");
        // A name of its own: two filers of one campaign may write at once, and only the one that files renames its copy.
        var written = $"{path}.{Guid.NewGuid():N}.tmp";
        OwnerOnly.WriteNew(written, bundle.Zip);
        try
        {
            var seq = store.FileArchive(campaign.Id, bundle.ManifestSha256, Path.GetFileName(path), bundle.Manifest.Files.Count,
                bundle.Manifest.AuditTrail.HeadSeq, onlyIfOwed, () => System.IO.File.Move(written, path, overwrite: true), now, actor);
            return seq is { } filed ? new FiledBundle(path, bundle, filed) : null;
        }
        finally
        {
            System.IO.File.Delete(written);
        }
    }

    /// <summary>Where bundles go unless told otherwise: archive/ beside the documents folder.</summary>
    public static string DefaultFolder(string documentsRoot) =>
        Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(documentsRoot))!, "archive");

    public static ArchiveManifest? ReadManifest(byte[] content) => JsonSerializer.Deserialize<ArchiveManifest>(content, Json);

    private static void Add<T>(Dictionary<string, byte[]> files, string name, T value) =>
        files[RecordsFolder + name] = JsonSerializer.SerializeToUtf8Bytes(value, Json);
}
