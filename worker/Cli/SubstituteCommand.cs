using System.CommandLine;
using Campaigns.Core.Draws;
using Campaigns.Engine;
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
        var command = new Command("substitute", "Replace a drawn inspector (递补): drawn from the remaining qualified pool, appended to the record.")
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
            var plan = services.PlanOf(campaignId);
            var directory = services.GetRequiredService<DirectoryFiles>().Load(options.Resolve(options.Directories));
            if (plan is null || directory is null)
            {
                Console.Error.WriteLine(plan is null ? $"年度抽查计划中没有抽查任务“{campaignId}”" : "执法检查人员名录库无法读取");
                return 1;
            }
            var today = services.Today(plan);
            var (substitution, refusal) = Substitutions.Draw(draw, store.Substitutions(campaignId), directory.Inspectors,
                parse.GetValue(inspector)!, parse.GetValue(reason)!, parse.GetValue(approvedBy)!, today);
            if (substitution is null)
            {
                Console.Error.WriteLine(refusal);
                return 1;
            }
            store.AddSubstitution(substitution);
            Console.WriteLine($"第{substitution.Sequence}次递补：第{substitution.Group}检查组 {substitution.Replaced} 由 {substitution.Replacement.Name}（{substitution.Replacement.CertificateNumber}）递补；理由：{substitution.Reason}；批准：{substitution.ApprovedBy}");
            return 0;
        }));
        return command;
    }
}
