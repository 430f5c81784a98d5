namespace Campaigns.Core.Results;

public static class ResultCodeNames
{
    /// <summary>The wording of the seeds' result-code legend.</summary>
    public static string ChineseName(this ResultCode code) => code switch
    {
        ResultCode.NoProblemFound => "未发现问题",
        ResultCode.RequiredInformationNotPublished => "未按规定公示应当公示的信息",
        ResultCode.PublishedInformationFalse => "公示信息隐瞒真实情况弄虚作假",
        ResultCode.UnreachableAtRegisteredAddress => "通过登记的住所（经营场所）无法取得联系",
        ResultCode.ProblemFoundCorrectionOrdered => "发现问题已责令改正",
        ResultCode.SeriousRefusalToCooperate => "不配合检查情节严重",
        ResultCode.NoSuchBusinessActivityFound => "未发现本次抽查涉及的经营活动",
        ResultCode.ProblemFoundFollowUpPending => "发现问题待后续处理",
        ResultCode.Compliant => "合格",
        ResultCode.NonCompliant => "不合格",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    /// <summary>Codes that mean a problem was found, for statistics.</summary>
    public static bool IsProblem(this ResultCode code) => code is
        ResultCode.RequiredInformationNotPublished or ResultCode.PublishedInformationFalse
        or ResultCode.ProblemFoundCorrectionOrdered or ResultCode.SeriousRefusalToCooperate
        or ResultCode.ProblemFoundFollowUpPending or ResultCode.NonCompliant;
}
