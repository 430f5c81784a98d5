namespace Campaigns.Core.Documents;

/// <summary>
/// 双随机抽取记录 for the file (003 §15, 004 §10): how the draw was made and what it produced, so the printed
/// record and the JSON record say the same thing.
/// </summary>
public sealed record DrawRecordDocument(
    string Title, string OfficeName, string CampaignName, string Date, string Algorithm, string Seed, string? SeedCommitment,
    string DirectoryHash, string Rule, int EligibleCount, IReadOnlyList<DrawRecordDocument.StratumLine> Strata,
    IReadOnlyList<DrawRecordDocument.EntityLine> Entities, IReadOnlyList<DrawRecordDocument.GroupLine> Groups,
    IReadOnlyList<string> Recusals, string VerifyCommand)
{
    public sealed record StratumLine(string RiskClass, int Eligible, int Drawn);

    public sealed record EntityLine(int Position, string Name, string Uscc, string RiskClass, int Group);

    public sealed record GroupLine(int Number, string Leader, string Members);
}
