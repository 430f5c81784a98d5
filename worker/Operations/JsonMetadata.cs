using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Campaigns.Core.Archive;
using Campaigns.Core.Draws;
using Campaigns.Core.Engine;
using Campaigns.Core.FollowUps;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Simulation;
using Campaigns.Storage;

namespace Campaigns.Operations;

/// <summary>
/// System.Text.Json's metadata for the records the worker stores, writes as documents and files in the archive, made
/// when the worker is built rather than by reflection in each process: every command paid for the draw record's graph
/// once for each set of options that met it (the store's, the documents', the archive's), and for the code reflection
/// emits to read each property. Each set of options keeps its own settings (names, indenting, escaping); a type not
/// listed here, such as an audit detail written inline, is still described by reflection.
/// </summary>
[JsonSerializable(typeof(Draw))]
[JsonSerializable(typeof(Substitution))]
[JsonSerializable(typeof(IReadOnlyList<Substitution>))]
[JsonSerializable(typeof(List<Substitution>))]
[JsonSerializable(typeof(IReadOnlyList<CommitmentEntry>))]
[JsonSerializable(typeof(CheckItemChange))]
[JsonSerializable(typeof(ArchiveManifest))]
[JsonSerializable(typeof(IReadOnlyList<ResultEntry>))]
[JsonSerializable(typeof(IReadOnlyList<ResultCorrection>))]
[JsonSerializable(typeof(ResultCorrection))]
[JsonSerializable(typeof(IReadOnlyList<FollowUpClosure>))]
[JsonSerializable(typeof(FollowUpClosure))]
[JsonSerializable(typeof(Publication))]
[JsonSerializable(typeof(IReadOnlyList<AuditEntry>))]
[JsonSerializable(typeof(IReadOnlyList<DeliveryRow>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<SimulationEvent>))]
internal sealed partial class JsonMetadata : JsonSerializerContext
{
    // Set in the static constructor, which runs after every field initialiser of the class: as initialisers of their own they
    // ran before the generated one that Default reads, and Combine dropped the null Default without a word (reflection alone).
    static JsonMetadata()
    {
        Resolver = JsonTypeInfoResolver.Combine(Default, new DefaultJsonTypeInfoResolver());
        Readable = new(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = Resolver,
        };
    }

    /// <summary>The metadata generated here first, then reflection for the rest.</summary>
    public static IJsonTypeInfoResolver Resolver { get; }

    /// <summary>
    /// Files a person may open (a draw's record among the documents, the archive's records, a draw's snapshot folder):
    /// indented, and Chinese as written rather than escaped. One set of options, so the metadata is made once for all three.
    /// </summary>
    public static JsonSerializerOptions Readable { get; }
}
