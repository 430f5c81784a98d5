using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Campaigns.Core.Engine;
using Campaigns.Host;
using Campaigns.Storage;
using Microsoft.Extensions.Options;

namespace Campaigns.Documents;

/// <summary>
/// Renders an ordered document and writes it under the documents folder. Writing is replace-in-place
/// (temp file, then move), so a tick repeated after a crash leaves the same file, not a torn one.
/// </summary>
public sealed class DocumentWriter(IOptions<WorkerOptions> options, TemplateSet templates)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public WrittenDocument Write(DocumentOrder order)
    {
        // Without a template: text (an .ics file) is written as it is, any other model as JSON (the draw record).
        var content = order.Template is not null ? templates.Render($"{order.Template}.html", order.Model)
            : order.Model is string text ? text
            : JsonSerializer.Serialize(order.Model, order.Model.GetType(), Json);
        var bytes = Encoding.UTF8.GetBytes(content);
        var path = Path.Combine(options.Value.Resolve(options.Value.Documents), order.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        return new WrittenDocument(order.Path, order.CampaignId, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
