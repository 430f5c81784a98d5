using Campaigns.Core.Plans;
using YamlDotNet.RepresentationModel;

namespace Campaigns.Core.Draws;

/// <summary>
/// A commitment is final: the first one the worker sees for a campaign goes into its ledger, and a plan version that
/// brings a different one (or drops it) is a plan error at the line, unless it carries a re-commitment
/// (<see cref="SeedRecommitment"/>) replacing exactly the ledger's current commitment, with a reason and the approving leader.
/// Pure: the caller reads the ledger and records what this returns.
/// </summary>
public static class SeedCommitmentCheck
{
    public sealed record Result(IReadOnlyList<PlanProblem> Problems, IReadOnlyList<(string CampaignId, CommitmentEntry Entry)> Seen);

    public static Result Check(
        AnnualPlan plan, string yamlText, string planFile, string planSha256, DateTimeOffset now,
        IReadOnlyDictionary<string, IReadOnlyList<CommitmentEntry>> ledgers)
    {
        var problems = new List<PlanProblem>();
        var seen = new List<(string, CommitmentEntry)>();
        YamlSequenceNode? campaigns = null;
        for (var i = 0; i < plan.Campaigns.Count; i++)
        {
            var campaign = plan.Campaigns[i];
            var ledger = ledgers.GetValueOrDefault(campaign.Id) ?? [];
            var commitment = campaign.SeedCommitment?.ToLowerInvariant();
            var revealed = commitment is not null && campaign.Seed is { } seed && Seeds.Reveals(seed, commitment);
            if (ledger.Count == 0)
            {
                if (commitment is not null)
                {
                    seen.Add((campaign.Id, new CommitmentEntry(commitment, now, planFile, planSha256, revealed)));
                }
                continue;
            }
            var current = ledger[^1];
            if (string.Equals(current.Commitment, commitment, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var first = $"首次记录的承诺值 {current.Commitment}（{current.FirstSeenAt:yyyy-MM-dd HH:mm:ss zzz} 见于 {current.PlanFile} 版本 {current.PlanSha256[..12]}）";
            if (commitment is null)
            {
                problems.Add(Error(plan, yamlText, ref campaigns, i, "id", $"抽查任务“{campaign.Id}”的抽取种子已事先承诺，承诺值不能删除：{first}"));
            }
            else if (campaign.Recommitment is not { } again)
            {
                problems.Add(Error(plan, yamlText, ref campaigns, i, "seed_commitment",
                    $"抽取种子承诺值一经记录不得更改：{first}；确需更改，须在 seed_recommitment 中写明 replaces（原承诺值）、reason（理由）和 approved_by（批准领导）"));
            }
            else if (!string.Equals(again.Replaces, current.Commitment, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(Error(plan, yamlText, ref campaigns, i, "seed_recommitment",
                    $"重新承诺的 replaces 应为当前记录的承诺值 {current.Commitment}，而不是 {again.Replaces}"));
            }
            else
            {
                seen.Add((campaign.Id, new CommitmentEntry(commitment, now, planFile, planSha256, revealed, current.Commitment, again.Reason, again.ApprovedBy)));
            }
        }
        return new Result(problems, seen);
    }

    /// <summary>The problem at campaigns[i].key's value in the file (or the campaign's own line when the key is absent).</summary>
    private static PlanProblem Error(AnnualPlan plan, string yamlText, ref YamlSequenceNode? campaigns, int index, string key, string message)
    {
        campaigns ??= Campaigns(yamlText);
        var item = campaigns?.Children.ElementAtOrDefault(index) as YamlMappingNode;
        YamlNode? node = item is not null && item.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : item;
        var location = node is null ? new SourceLocation(plan.SourcePath, 1, 1) : new SourceLocation(plan.SourcePath, (int)node.Start.Line, (int)node.Start.Column);
        return new PlanProblem(ProblemSeverity.Error, location, message);
    }

    private static YamlSequenceNode? Campaigns(string yamlText)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yamlText));
        return stream.Documents[0].RootNode is YamlMappingNode root && root.Children.TryGetValue(new YamlScalarNode("campaigns"), out var c)
            ? c as YamlSequenceNode
            : null;
    }
}
