using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Campaigns.Core.Engine;
using Campaigns.Core.Statistics;
using Campaigns.Host;
using Campaigns.Operations;
using Campaigns.Storage;
using Microsoft.Extensions.Options;

namespace Campaigns.Documents;

/// <summary>
/// Renders an ordered document and writes it under the documents folder. Writing is replace-in-place, and skipped when the file already holds the same bytes
/// (temp file, then move), so a tick repeated after a crash leaves the same file, not a torn one.
/// </summary>
public sealed class DocumentWriter(IOptions<WorkerOptions> options, TemplateSet templates)
{
    private static readonly JsonSerializerOptions Json = JsonMetadata.Readable;

    public WrittenDocument Write(DocumentOrder order) => Save(order, Render(order));

    /// <summary>The document's bytes, written nowhere yet.</summary>
    public byte[] Render(DocumentOrder order) =>
        // Without a template: bytes (a CSV) and text (an .ics file) are written as they are, a statistics table as a
        // workbook (the file format is the shell's business, the figures the core's), any other model as JSON (the draw record).
        order.Template is not null ? Encoding.UTF8.GetBytes(templates.Render($"{order.Template}.html", order.Model))
            : order.Model switch
            {
                byte[] raw => raw,
                string text => Encoding.UTF8.GetBytes(text),
                StatisticsTable table => StatisticsWorkbook.Write(table),
                _ => JsonSerializer.SerializeToUtf8Bytes(order.Model, order.Model.GetType(), Json),
            };

    /// <summary>Writes what <see cref="Render"/> made of <paramref name="order"/> to its path, unless the file already holds it.</summary>
    public WrittenDocument Save(DocumentOrder order, byte[] bytes)
    {
        var path = Path.Combine(options.Value.Resolve(options.Value.Documents), order.Path);
        // A tick repeated (after a crash, by a second instance, a bench run from a saved store) orders the same documents
        // again: reading and comparing costs less than writing and renaming, and leaves the file's time as it was.
        if (!Unchanged(path, bytes))
        {
            OwnerOnly.CreateFolderOf(path);
            // Plans write in parallel; two plan files of one office and year share its plan publication's path.
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            OwnerOnly.WriteNew(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        return new WrittenDocument(order.Path, order.CampaignId, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static bool Unchanged(string path, byte[] bytes)
    {
        var file = new FileInfo(path);
        return file.Exists && file.Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
    }
}
