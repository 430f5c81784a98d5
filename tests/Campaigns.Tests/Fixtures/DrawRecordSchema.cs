using System.Text.Json;
using Json.Schema;

namespace Campaigns.Tests.Fixtures;

/// <summary>config/draw-record.schema.json, which every draw record a test writes must satisfy.</summary>
public static class DrawRecordSchema
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Repository.Path("config", "draw-record.schema.json")));

    /// <summary>Every schema error in <paramref name="json"/> as "instance location: message"; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var results = Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }

    public static void ShouldBeValid(string json) => Errors(json).ShouldBeEmpty(json.Length > 400 ? json[..400] : json);
}
