using Campaigns.Engine;
using Campaigns.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Campaigns.Tests.Engine;

public class PlanCatalogTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string CopySample()
    {
        var path = _dir.File("2026.yaml");
        File.Copy(Repository.Path("config", "plans", "2026.yaml"), path);
        return path;
    }

    [Fact]
    public void Load_PlanBrokenAfterLoading_LastGoodPlanKeepsRunning()
    {
        var path = CopySample();
        var catalog = new PlanCatalog(NullLogger<PlanCatalog>.Instance);
        catalog.Load(_dir.Path).Single().Campaigns.Count.ShouldBe(4);

        File.WriteAllText(path, "year: 2026\noffice: { name: x\n");
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));
        catalog.Load(_dir.Path).Single().Campaigns.Count.ShouldBe(4);
    }

    [Fact]
    public void Load_PlanFixedAgain_NewVersionRuns()
    {
        var path = CopySample();
        var catalog = new PlanCatalog(NullLogger<PlanCatalog>.Instance);
        catalog.Load(_dir.Path);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace("qh-2026-food", "qh-2026-food2"));
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));
        catalog.Load(_dir.Path).Single().Campaigns.ShouldContain(c => c.Id == "qh-2026-food2");
    }

    [Fact]
    public void Load_BrokenFromTheStart_NothingRuns()
    {
        File.WriteAllText(_dir.File("bad.yaml"), "year: [");
        new PlanCatalog(NullLogger<PlanCatalog>.Instance).Load(_dir.Path).ShouldBeEmpty();
    }
}
