namespace Campaigns.Core.Documents;

/// <summary>
/// 双随机抽取记录 for the file (003 §15, 004 §10): how the draw was made and what it produced, so the printed
/// record and the JSON record say the same thing: the seed and whether it was committed in advance (with every
/// re-commitment, its reason and approver), the snapshot files' hashes, each stratum's count by ratio and top-up apart,
/// and the substitutions (递补) appended since.
/// </summary>
public sealed record DrawRecordDocument(
    string Title, string OfficeName, string CampaignName, string Date, string Algorithm, string Seed, string? SeedCommitment,
    string SeedStatus, IReadOnlyList<string> Commitments, string DirectoryHash, IReadOnlyList<string> SnapshotFiles, string Rule, int EligibleCount,
    IReadOnlyList<DrawRecordDocument.StratumLine> Strata, IReadOnlyList<DrawRecordDocument.EntityLine> Entities, IReadOnlyList<DrawRecordDocument.GroupLine> Groups,
    IReadOnlyList<string> Recusals, IReadOnlyList<DrawRecordDocument.SubstitutionLine> Substitutions, string VerifyCommand)
{
    public sealed record StratumLine(string RiskClass, string Ratio, int Eligible, int ByRatio, int TopUp, int Drawn);

    public sealed record EntityLine(int Position, string Name, string Uscc, string RiskClass, int Group);

    public sealed record GroupLine(int Number, string Leader, string Members);

    public sealed record SubstitutionLine(int Sequence, string Date, int Group, string Replaced, string Replacement, string Reason, string ApprovedBy, string Pool);
}
