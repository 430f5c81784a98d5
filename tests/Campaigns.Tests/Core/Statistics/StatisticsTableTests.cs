using Campaigns.Core.Results;
using Campaigns.Core.Statistics;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Statistics;

public class StatisticsTableTests
{
    private static readonly CampaignResults Sample = new(SampleDocuments.Campaign, SampleDocuments.Draw, SampleDocuments.Results, SampleDocuments.ResultDeadline);

    private static StatisticsLine Line(StatisticsTable table, string departmentId) => table.Departments.Single(d => d.DepartmentId == departmentId);

    [Fact]
    public void ForCampaign_SampleResults_CountsPerDepartmentAndInTotal()
    {
        var table = StatisticsTable.ForCampaign(SampleDocuments.Plan, Sample);

        // Lead first, as the campaign lists its departments.
        table.Departments.Select(d => d.DepartmentId).ShouldBe(SampleDocuments.Campaign.AllDepartments);
        table.Departments.ShouldAllBe(d => d.EntitiesChecked == 3 && d.InspectorsDrawn == 2 && d.Results == 3);
        Line(table, "market").ProblemItems.ShouldBe(1);
        Line(table, "market").AdministrativeGuidance.ShouldBe(1);
        Line(table, "culture").EntitiesWithProblems.ShouldBe(1);
        Line(table, "culture").Count(ResultCode.ProblemFoundFollowUpPending).ShouldBe(1);
        Line(table, "police").Count(ResultCode.Compliant).ShouldBe(1);
        table.Total.EntitiesChecked.ShouldBe(3);
        table.Total.InspectorsDrawn.ShouldBe(6);
        table.Total.ProblemItems.ShouldBe(2);
        table.Total.CodeCounts.Sum().ShouldBe(SampleDocuments.Results.Count);
        table.Total.QuestionsAnswered.ShouldBe(0);
    }

    [Fact]
    public void ForCampaign_QuestionsAnsweredOnSite_EntitiesPerDepartment_TotalCountsEachOnce()
    {
        var first = SampleDocuments.Draw.Entities[0].Uscc;
        var second = SampleDocuments.Draw.Entities[1].Uscc;
        var results = SampleDocuments.Results.Select(r => (r.Uscc == first && r.DepartmentId is "market" or "police") || (r.Uscc == second && r.DepartmentId == "market")
            ? r with { QuestionsAnswered = true } : r).ToList();

        var table = StatisticsTable.ForCampaign(SampleDocuments.Plan, Sample with { Results = results });

        Line(table, "market").QuestionsAnswered.ShouldBe(2);
        Line(table, "police").QuestionsAnswered.ShouldBe(1);
        Line(table, "culture").QuestionsAnswered.ShouldBe(0);
        table.Total.QuestionsAnswered.ShouldBe(2);
    }

    [Fact]
    public void ForCampaign_OneLateEntry_OnTimeRatePerDepartmentAndOverall()
    {
        var table = StatisticsTable.ForCampaign(SampleDocuments.Plan, Sample);

        Line(table, "police").OnTimeRate.ShouldBe(1m);
        Line(table, "culture").OnTimeRate.ShouldBe(0.6667m);
        table.Total.EnteredOnTime.ShouldBe(8);
        table.Total.OnTimeRate.ShouldBe(0.8889m);
    }

    [Fact]
    public void ForCampaign_EntryOnTheDeadlineItself_IsOnTime()
    {
        var results = SampleDocuments.Results.Select(r => r with { EnteredOn = SampleDocuments.ResultDeadline }).ToList();

        StatisticsTable.ForCampaign(SampleDocuments.Plan, Sample with { Results = results }).Total.OnTimeRate.ShouldBe(1m);
    }

    [Fact]
    public void ForCampaign_NothingEntered_NoRateRatherThanZero()
    {
        var table = StatisticsTable.ForCampaign(SampleDocuments.Plan, Sample with { Results = [] });

        table.Total.OnTimeRate.ShouldBeNull();
        table.Total.EntitiesChecked.ShouldBe(0);
        table.Total.InspectorsDrawn.ShouldBe(6);
    }

    [Fact]
    public void ForCampaign_TwoDepartmentsOrderCorrectionAtOneEntity_TotalCountsTheEntityOnce()
    {
        // 行政指导 is counted in 户: one entity, however many departments guided it.
        var uscc = SampleDocuments.Draw.Entities[0].Uscc;
        var results = SampleDocuments.Results.Select(r => r.Uscc == uscc && r.DepartmentId is "market" or "police"
            ? r with { Code = ResultCode.ProblemFoundCorrectionOrdered } : r).ToList();

        var table = StatisticsTable.ForCampaign(SampleDocuments.Plan, Sample with { Results = results });

        table.Departments.Sum(d => d.AdministrativeGuidance).ShouldBe(2);
        table.Total.AdministrativeGuidance.ShouldBe(1);
        table.Total.ProblemItems.ShouldBe(3);
    }

    [Theory]
    [InlineData(ResultCode.RequiredInformationNotPublished, 1, 0)]
    [InlineData(ResultCode.UnreachableAtRegisteredAddress, 1, 0)]
    [InlineData(ResultCode.PublishedInformationFalse, 0, 1)]
    [InlineData(ResultCode.SeriousRefusalToCooperate, 0, 1)]
    [InlineData(ResultCode.NonCompliant, 0, 0)] // a problem, but the seeds name no listing or case for it
    public void ForCampaign_HandlingColumns_ReadFromTheResultCode(ResultCode code, int abnormal, int cases)
    {
        var results = SampleDocuments.Results.Select((r, i) => i == 0 ? r with { Code = code } : r).ToList();

        var table = StatisticsTable.ForCampaign(SampleDocuments.Plan, Sample with { Results = results });

        table.Total.ToListAbnormal.ShouldBe(abnormal);
        table.Total.ToFileCases.ShouldBe(cases);
    }

    [Fact]
    public void ForYear_TwoCampaigns_SumsEachCampaignsCounts()
    {
        var second = Sample with { Campaign = SampleDocuments.Campaign with { Id = "second" }, ResultDeadline = new DateOnly(2024, 1, 1) };

        var year = StatisticsTable.ForYear(SampleDocuments.Plan, [Sample, second]);

        year.Campaigns.ShouldBe(2);
        year.Title.ShouldBe("2024年度“双随机、一公开”部门联合抽查汇总表");
        // The same entities in two campaigns are two checks each (户次).
        year.Total.EntitiesChecked.ShouldBe(6);
        year.Total.InspectorsDrawn.ShouldBe(12);
        year.Total.Results.ShouldBe(18);
        // The second campaign's deadline had passed before any entry.
        year.Total.EnteredOnTime.ShouldBe(8);
        Line(year, "market").AdministrativeGuidance.ShouldBe(2);
    }

    [Fact]
    public void Note_NamesEveryDerivedColumn()
    {
        StatisticsTable.Note.ShouldContain("现场解答疑难问题");
        StatisticsTable.Note.ShouldContain("“5 发现问题已责令改正”统计");
        StatisticsTable.Note.ShouldContain("“4 通过登记的住所（经营场所）无法取得联系”");
    }
}
