using System.Text.Json;
using Campaigns.Core.Plans;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Plans;

/// <summary>config/plan.schema.json is what editors use; it must accept exactly the keys the parser does.</summary>
public class PlanSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Repository.Path("config", "plan.schema.json"))).RootElement;

    private static JsonElement Resolve(JsonElement node) =>
        node.TryGetProperty("$ref", out var reference)
            ? Schema.GetProperty("$defs").GetProperty(reference.GetString()!.Split('/').Last())
            : node;

    private static JsonElement At(params string[] path)
    {
        var node = Schema;
        foreach (var step in path)
        {
            node = step == "[]" ? Resolve(node.GetProperty("items")) : Resolve(node.GetProperty("properties").GetProperty(step));
        }
        return node;
    }

    private static string[] Keys(JsonElement node) => [.. node.GetProperty("properties").EnumerateObject().Select(p => p.Name)];

    public static TheoryData<string, string[]> Mappings => new()
    {
        { "", [] },
        { "office", ["office"] },
        { "contact", ["office", "contacts", "[]"] },
        { "department", ["departments", "[]"] },
        { "frequency", ["departments", "[]", "frequency"] },
        { "rules", ["rules"] },
        { "reminders", ["rules", "reminders"] },
        { "breach_reports", ["breach_reports"] },
        { "campaign", ["campaigns", "[]"] },
        { "scope", ["campaigns", "[]", "scope"] },
        { "sampling", ["campaigns", "[]", "sampling"] },
        { "window", ["campaigns", "[]", "window"] },
        { "cancelled", ["campaigns", "[]", "cancelled"] },
        { "seed_recommitment", ["campaigns", "[]", "seed_recommitment"] },
    };

    [Theory]
    [MemberData(nameof(Mappings))]
    public void Schema_MappingKeys_EqualParserKeys(string mapping, string[] path)
    {
        IReadOnlyList<string> parser = mapping switch
        {
            "" => PlanKeys.Root,
            "office" => PlanKeys.Office,
            "contact" => PlanKeys.Contact,
            "department" => PlanKeys.Department,
            "frequency" => PlanKeys.Frequency,
            "rules" => PlanKeys.Rules,
            "reminders" => PlanKeys.Reminders,
            "breach_reports" => PlanKeys.BreachReports,
            "campaign" => PlanKeys.Campaign,
            "scope" => PlanKeys.Scope,
            "sampling" => PlanKeys.Sampling,
            "window" => PlanKeys.Window,
            "seed_recommitment" => PlanKeys.SeedRecommitment,
            _ => PlanKeys.Cancelled,
        };
        var node = At(path);
        Keys(node).ShouldBe(parser, ignoreOrder: true);
        node.GetProperty("additionalProperties").GetBoolean().ShouldBeFalse("a typo must be flagged in the editor too");
    }

    [Fact]
    public void Schema_CampaignRulesAndOfficeRules_AreTheSameDefinition() =>
        At("campaigns", "[]", "rules").GetRawText().ShouldBe(At("rules").GetRawText());
}
