using Campaigns.Core.Draws;
using Campaigns.Engine;
using Campaigns.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Campaigns.Tests.Engine;

public sealed class DirectoryFilesTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Directories => _dir.File("directories");

    private string Copies => _dir.File("documents", ".directory-copies");

    private static readonly DrawDepartment[] Departments = [new("market", "县市场监管局")];

    [Fact]
    public void Keep_AfterTheOfficeReplacedAFileWithABadOne_KeepsTheBytesTheLastGoodSnapshotWasReadFrom()
    {
        Directory.CreateDirectory(Directories);
        File.Copy(Repository.Path("config", "directories", "inspectors.csv"), Path.Combine(Directories, "inspectors.csv"));
        var good = File.ReadAllBytes(Repository.Path("config", "directories", "entities.csv"));
        File.WriteAllBytes(Path.Combine(Directories, "entities.csv"), good);
        var files = new DirectoryFiles(NullLogger<DirectoryFiles>.Instance);
        var snapshot = files.Load(Directories, Copies).ShouldNotBeNull();

        File.WriteAllText(Path.Combine(Directories, "entities.csv"), "名称,统一社会信用代码\n半截导出,\n");
        File.SetLastWriteTimeUtc(Path.Combine(Directories, "entities.csv"), DateTime.UtcNow.AddMinutes(1));
        files.Load(Directories, Copies).ShouldBeSameAs(snapshot, "a bad file leaves the last good snapshot in use");
        files.Keep(_dir.File("documents", "c1", "snapshot"), Departments);
        files.Keep(_dir.File("documents", "c2", "snapshot"), Departments);

        File.ReadAllBytes(_dir.File("documents", "c1", "snapshot", "entities.csv")).ShouldBe(good);
        File.ReadAllBytes(_dir.File("documents", "c2", "snapshot", "entities.csv")).ShouldBe(good);
        SnapshotFile.Of("entities.csv", File.ReadAllBytes(_dir.File("documents", "c2", "snapshot", "entities.csv"))).ShouldBe(snapshot.Files[0]);
    }

    [Fact]
    public void Load_ANewGoodFile_KeepsOneCopyPerContent_AndLeavesEarlierDrawsTheirOwn()
    {
        Directory.CreateDirectory(Directories);
        File.Copy(Repository.Path("config", "directories", "inspectors.csv"), Path.Combine(Directories, "inspectors.csv"));
        var lines = File.ReadAllLines(Repository.Path("config", "directories", "entities.csv"));
        File.WriteAllLines(Path.Combine(Directories, "entities.csv"), lines);
        var files = new DirectoryFiles(NullLogger<DirectoryFiles>.Instance);
        files.Load(Directories, Copies);
        files.Keep(_dir.File("documents", "c1", "snapshot"), Departments);
        var first = File.ReadAllBytes(_dir.File("documents", "c1", "snapshot", "entities.csv"));

        File.WriteAllLines(Path.Combine(Directories, "entities.csv"), lines[..^1]);
        File.SetLastWriteTimeUtc(Path.Combine(Directories, "entities.csv"), DateTime.UtcNow.AddMinutes(1));
        var second = files.Load(Directories, Copies).ShouldNotBeNull();
        files.Keep(_dir.File("documents", "c2", "snapshot"), Departments);

        second.Entities.Count.ShouldBe(lines.Length - 2);
        File.ReadAllBytes(_dir.File("documents", "c1", "snapshot", "entities.csv")).ShouldBe(first, "an earlier draw's files never change");
        SnapshotFile.Of("entities.csv", File.ReadAllBytes(_dir.File("documents", "c2", "snapshot", "entities.csv"))).ShouldBe(second.Files[0]);
        Directory.GetDirectories(Copies).Length.ShouldBe(2, "one folder per content: the current entities and inspectors");
    }
}
