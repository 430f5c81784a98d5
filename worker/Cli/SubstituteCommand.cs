using System.CommandLine;
using Campaigns.Core.Documents;
using Campaigns.Core.Draws;
using Campaigns.Core.Engine;
using Campaigns.Documents;
using Campaigns.Storage;

namespace Campaigns.Cli;

public static class SubstituteCommand
{
    public static Command Create()
    {
        var campaign = new Option<string>("--campaign") { Description = "campaign id", Required = true };
        var inspector = new Option<string>("--inspector") { Description = "certificate number (执法证号) of the drawn inspector to replace", Required = true };
        var reason = new Option<string>("--reason") { Description = "written reason (递补理由)", Required = true };
        var approvedBy = new Option<string>("--approved-by") { Description = "the leader who approved it", Required = true };
        var command = new Command("substitute",
            "Replace a drawn inspector (递补): drawn from the draw's own snapshot (qualified on the day of the substitution), appended to the record's substitutions.")
        {
            campaign, inspector, reason, approvedBy,
        };
        command.SetAction(parse => CliServices.Run(services =>
        {
            var options = services.Options();
            var store = services.GetRequiredService<CampaignStore>();
            var campaignId = parse.GetValue(campaign)!;
            if (store.Draw(campaignId) is not { } draw)
            {
                Console.Error.WriteLine($"抽查任务“{campaignId}”尚未完成双随机抽取，无从递补");
                return 1;
            }
            if (services.PlanOf(campaignId) is not { } plan)
            {
                Console.Error.WriteLine($"年度抽查计划中没有抽查任务“{campaignId}”");
                return 1;
            }
            if (draw.Algorithm != DoubleRandomDraw.Algorithm)
            {
                Console.Error.WriteLine($"抽取记录为旧版算法（{draw.Algorithm}），没有可核验的名录库快照哈希，无法按抽取时的快照递补");
                return 1;
            }
            // The draw's own snapshot, not today's directory: an inspector added since the draw is not in its pool.
            var folder = Path.Combine(options.Resolve(options.Documents), Core.Paths.DocumentPaths.CampaignFolder(plan.Year, campaignId));
            var (evidence, problems) = DrawSnapshotFolder.Read(draw, Path.Combine(folder, "snapshot"));
            if (evidence is null || evidence.Files!.Count != draw.Snapshot.Count)
            {
                Console.Error.WriteLine($"抽取时的名录库快照无法读取（{Path.Combine(folder, "snapshot")}），无从递补");
                problems.ToList().ForEach(Console.Error.WriteLine);
                return 1;
            }
            var changed = draw.Snapshot.Zip(evidence.Files).Where(p => p.First.Sha256 != p.Second.Sha256).Select(p => p.First.File).ToList();
            if (changed.Count > 0)
            {
                Console.Error.WriteLine($"抽取时的名录库快照已被改动（{string.Join("、", changed)}），与抽取记录的哈希不符，无从递补");
                return 1;
            }
            var earlier = store.Substitutions(campaignId);
            var (substitution, refusal) = Substitutions.Draw(draw, earlier, evidence.Inspectors,
                parse.GetValue(inspector)!, parse.GetValue(reason)!, parse.GetValue(approvedBy)!, services.Today(plan));
            if (substitution is null)
            {
                Console.Error.WriteLine(refusal);
                return 1;
            }
            store.AddSubstitution(substitution);
            // Beside the record, so both verifiers recompute every substitution from the files alone; the record's document
            // is rendered again to show them (the JSON record itself never changes).
            IReadOnlyList<Substitution> all = [.. earlier, substitution];
            var documents = services.GetRequiredService<DocumentWriter>();
            documents.Write(new DocumentOrder($"{Core.Paths.DocumentPaths.CampaignFolder(plan.Year, campaignId)}/substitutions.json", null, all, campaignId));
            documents.Write(new DocumentOrder($"{Core.Paths.DocumentPaths.CampaignFolder(plan.Year, campaignId)}/draw-record.html", "draw-record",
                DocumentModels.DrawRecord(plan, plan.Campaign(campaignId), draw, all), campaignId));
            Console.WriteLine($"第{substitution.Sequence}次递补：第{substitution.Group}检查组 {substitution.Replaced} 由 {substitution.Replacement.Name}（{substitution.Replacement.CertificateNumber}）递补；" +
                $"理由：{substitution.Reason}；批准：{substitution.ApprovedBy}；候选{substitution.PoolSize}人（{substitution.PoolSha256[..12]}…）");
            return 0;
        }));
        return command;
    }
}
