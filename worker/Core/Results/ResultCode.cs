namespace Campaigns.Core.Results;

/// <summary>Result codes of the 联合抽查情况记录表 (001 annex 1, 003 annex 2).</summary>
public enum ResultCode
{
    NoProblemFound = 1,
    RequiredInformationNotPublished = 2,
    PublishedInformationFalse = 3,
    UnreachableAtRegisteredAddress = 4,
    ProblemFoundCorrectionOrdered = 5,
    SeriousRefusalToCooperate = 6,
    NoSuchBusinessActivityFound = 7,
    ProblemFoundFollowUpPending = 8,
    Compliant = 9,
    NonCompliant = 10,
}
