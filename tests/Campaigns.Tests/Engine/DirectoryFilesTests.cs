using System.Text;
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

    /// <summary>The sample inspectors and these entities, in a folder a <see cref="DirectoryFiles"/> has not read yet.</summary>
    private DirectoryFiles Folder(byte[] entities)
    {
        Directory.CreateDirectory(Directories);
        File.Copy(Repository.Path("config", "directories", "inspectors.csv"), Path.Combine(Directories, "inspectors.csv"));
        File.WriteAllBytes(Path.Combine(Directories, "entities.csv"), entities);
        return new DirectoryFiles(NullLogger<DirectoryFiles>.Instance);
    }

    /// <summary>The office's new entity file, dated later so that the next load reads it.</summary>
    private void Replace(byte[] entities)
    {
        File.WriteAllBytes(Path.Combine(Directories, "entities.csv"), entities);
        File.SetLastWriteTimeUtc(Path.Combine(Directories, "entities.csv"), DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public void Keep_AfterTheOfficeReplacedAFileWithABadOne_KeepsTheBytesTheLastGoodSnapshotWasReadFrom()
    {
        var good = File.ReadAllBytes(Repository.Path("config", "directories", "entities.csv"));
        var files = Folder(good);
        var snapshot = files.Load(Directories, Copies).ShouldNotBeNull();

        Replace(Encoding.UTF8.GetBytes("名称,统一社会信用代码\n半截导出,\n"));
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
        var lines = File.ReadAllLines(Repository.Path("config", "directories", "entities.csv"));
        var files = Folder(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        files.Load(Directories, Copies);
        files.Keep(_dir.File("documents", "c1", "snapshot"), Departments);
        var first = File.ReadAllBytes(_dir.File("documents", "c1", "snapshot", "entities.csv"));

        Replace(Encoding.UTF8.GetBytes(string.Join("\n", lines[..^1]) + "\n"));
        var second = files.Load(Directories, Copies).ShouldNotBeNull();
        files.Keep(_dir.File("documents", "c2", "snapshot"), Departments);

        second.Entities.Count.ShouldBe(lines.Length - 2);
        File.ReadAllBytes(_dir.File("documents", "c1", "snapshot", "entities.csv")).ShouldBe(first, "an earlier draw's files never change");
        SnapshotFile.Of("entities.csv", File.ReadAllBytes(_dir.File("documents", "c2", "snapshot", "entities.csv"))).ShouldBe(second.Files[0]);
        Directory.GetDirectories(Copies).Length.ShouldBe(2, "one folder per content: the current entities and inspectors");
    }
}
