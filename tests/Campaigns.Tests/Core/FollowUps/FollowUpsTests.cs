using Campaigns.Core.FollowUps;
using Campaigns.Core.Results;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.FollowUps;

public class FollowUpsTests
{
    private static ResultEntry Result(ResultCode code, string? opinion = null, string uscc = "91130534MA0010000X1") =>
        new("c", uscc, "police", code, new DateOnly(2024, 5, 10), new DateOnly(2024, 5, 13), null, HandlingOpinion: opinion);

    [Theory]
    [InlineData(ResultCode.NoProblemFound, false)]
    [InlineData(ResultCode.RequiredInformationNotPublished, true)]
    [InlineData(ResultCode.PublishedInformationFalse, true)]
    [InlineData(ResultCode.UnreachableAtRegisteredAddress, false)]
    [InlineData(ResultCode.ProblemFoundCorrectionOrdered, true)]
    [InlineData(ResultCode.SeriousRefusalToCooperate, true)]
    [InlineData(ResultCode.NoSuchBusinessActivityFound, false)]
    [InlineData(ResultCode.ProblemFoundFollowUpPending, true)]
    [InlineData(ResultCode.Compliant, false)]
    [InlineData(ResultCode.NonCompliant, true)]
    public void Needs_ProblemCodes(ResultCode code, bool needed) => global::Campaigns.Core.FollowUps.FollowUps.Needs(Result(code)).ShouldBe(needed);

    [Fact]
    public void Needs_AnyResultWithAHandlingOpinion() =>
        global::Campaigns.Core.FollowUps.FollowUps.Needs(Result(ResultCode.NoProblemFound, "提醒规范公示")).ShouldBeTrue();

    [Fact]
    public void Of_DueSevenWorkingDaysAfterTheResult_ClosedByTheLastClosure()
    {
        // Friday 10 May 2024 + 7 working days: Saturday 11 May (a 劳动节 make-up day), 13–17 May, 20 May → Monday 20 May.
        IReadOnlyList<ResultEntry> results = [Result(ResultCode.ProblemFoundFollowUpPending), Result(ResultCode.NoProblemFound, uscc: "other")];
        var open = global::Campaigns.Core.FollowUps.FollowUps.Of(results, [], Calendars.Shipped).Single();
        (open.Due, open.IsOpen).ShouldBe((new DateOnly(2024, 5, 20), true));

        var closure = new FollowUpClosure("c", "91130534MA0010000X1", "police", FollowUpAction.Case, "清公（市监）立字〔2024〕12号", new DateOnly(2024, 5, 20));
        global::Campaigns.Core.FollowUps.FollowUps.Of(results, [closure], Calendars.Shipped).Single().Closure.ShouldBe(closure);
    }

    [Fact]
    public void Open_TheOpenOnesOfOf_InTheirOrder_WithTheirDeadlines()
    {
        IReadOnlyList<ResultEntry> results =
        [
            Result(ResultCode.ProblemFoundFollowUpPending, uscc: "a"), Result(ResultCode.NoProblemFound, uscc: "b"),
            Result(ResultCode.NonCompliant, uscc: "c"), Result(ResultCode.NoProblemFound, "提醒规范公示", uscc: "d"),
        ];
        var closed = new FollowUpClosure("c", "c", "police", FollowUpAction.Case, "已立案", new DateOnly(2024, 5, 20));
        var open = global::Campaigns.Core.FollowUps.FollowUps.Open(results, [closed], Calendars.Shipped);

        open.ShouldBe(global::Campaigns.Core.FollowUps.FollowUps.Of(results, [closed], Calendars.Shipped).Where(f => f.IsOpen));
        open.Select(f => (f.Result.Uscc, f.Due)).ShouldBe([("a", new DateOnly(2024, 5, 20)), ("d", new DateOnly(2024, 5, 20))]);
    }
}
