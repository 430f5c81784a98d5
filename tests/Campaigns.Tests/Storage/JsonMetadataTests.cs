using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Campaigns.Core.Archive;
using Campaigns.Core.Draws;
using Campaigns.Operations;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Storage;

public class JsonMetadataTests
{
    [Fact]
    public void Resolver_DescribesListedTypesFromTheGeneratedMetadata()
    {
        // The combined resolver once came out as reflection alone (the generated Default was still null when it was made), and
        // nothing failed: every record was written as before, only slower to start.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = JsonMetadata.Resolver };

        options.GetTypeInfo(typeof(Draw)).OriginatingResolver.ShouldBeOfType<JsonMetadata>();
        options.GetTypeInfo(typeof(ArchiveManifest)).OriginatingResolver.ShouldBeOfType<JsonMetadata>();
        JsonMetadata.Readable.GetTypeInfo(typeof(Draw)).OriginatingResolver.ShouldBeOfType<JsonMetadata>();
    }

    [Fact]
    public void Resolver_FallsBackToReflectionForTypesNotListed()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = JsonMetadata.Resolver };

        JsonSerializer.Serialize(new { drawnOn = new DateOnly(2024, 4, 9), YearSequence = 3 }, options)
            .ShouldBe("""{"drawnOn":"2024-04-09","yearSequence":3}""");
    }

    [Fact]
    public void Draw_WrittenAndReadAsByReflection()
    {
        // Records already stored and filed were written by reflection: the generated metadata must write the same bytes (the
        // audit trail pins a draw record by its hash) and read them back to an equal draw.
        var draw = SampleDocuments.Draw;
        var generated = JsonMetadata.Readable;
        var reflection = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };

        var json = JsonSerializer.Serialize(draw, generated);

        json.ShouldBe(JsonSerializer.Serialize(draw, reflection));
        json.ShouldContain(draw.Entities[0].Name);
        JsonSerializer.Serialize(JsonSerializer.Deserialize<Draw>(json, generated)!, reflection).ShouldBe(json);
    }
}
