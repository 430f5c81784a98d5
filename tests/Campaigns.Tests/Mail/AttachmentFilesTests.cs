using Campaigns.Mail;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Mail;

public class AttachmentFilesTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_SameContent_SameArray_ChangedContent_ANewOneWithTheNewBytes()
    {
        var files = new AttachmentFiles();
        var path = _dir.File("一企一表.html");
        File.WriteAllBytes(path, [1, 2, 3, 4]);

        var first = files.Read(path);
        files.Read(path).ShouldBeSameAs(first);

        // Same length, other bytes, written in place: compared byte for byte, not by size.
        File.WriteAllBytes(path, [1, 2, 3, 5]);
        var changed = files.Read(path);
        changed.ShouldBe(new byte[] { 1, 2, 3, 5 });
        changed.ShouldNotBeSameAs(first);

        // Replaced by a rename, as documents are written; then grown.
        File.WriteAllBytes(path + ".tmp", [9, 9, 9, 9]);
        File.Move(path + ".tmp", path, overwrite: true);
        files.Read(path).ShouldBe(new byte[] { 9, 9, 9, 9 });
        File.AppendAllText(path, "x");
        files.Read(path).ShouldBe(new byte[] { 9, 9, 9, 9, (byte)'x' });
    }

    [Fact]
    public void Read_ManyFiles_EachStillReadsItsOwnBytes()
    {
        var files = new AttachmentFiles();
        var paths = Enumerable.Range(0, 200).Select(i =>
        {
            var path = _dir.File($"letter-{i}.html");
            File.WriteAllText(path, $"<p>{i}</p>");
            return path;
        }).ToList();

        for (var round = 0; round < 2; round++)
        {
            paths.Select(p => System.Text.Encoding.UTF8.GetString(files.Read(p))).ShouldBe(paths.Select((_, i) => $"<p>{i}</p>"));
        }
    }

    [Fact]
    public void Read_MissingFile_Throws()
    {
        Should.Throw<FileNotFoundException>(() => new AttachmentFiles().Read(_dir.File("none.html")));
    }
}
