using System.Text;

namespace Campaigns.Tests.Fixtures;

/// <summary>
/// Compares text with a reviewed file in tests/Campaigns.Tests/Documents/Snapshots. On a mismatch the actual text is
/// written beside it as name.received.ext (gitignored) for diffing; with UPDATE_SNAPSHOTS=1 the reviewed file is
/// rewritten instead, and the git diff is what a reviewer reads before committing it.
/// </summary>
public static class Snapshot
{
    public const string UpdateVariable = "UPDATE_SNAPSHOTS";

    public static string Folder { get; } = Repository.Path("tests", "Campaigns.Tests", "Documents", "Snapshots");

    /// <param name="actual">The rendered text.</param>
    /// <param name="name">File name with extension, e.g. "entity-notice.html".</param>
    public static void Match(string actual, string name)
    {
        // Line endings only: a checkout with autocrlf must not fail every snapshot.
        actual = actual.ReplaceLineEndings("\n");
        var expectedPath = Path.Combine(Folder, name);
        var receivedPath = Path.Combine(Folder, $"{Path.GetFileNameWithoutExtension(name)}.received{Path.GetExtension(name)}");
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(expectedPath, actual, utf8);
            File.Delete(receivedPath);
            return;
        }
        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, actual, utf8);
        throw new ShouldAssertException(
            (expected is null ? $"No snapshot {expectedPath} yet." : $"{expectedPath} differs: {FirstDifference(expected, actual)}.") +
            $"\nActual output: {receivedPath}. Diff the two; if the change is intended, rerun with {UpdateVariable}=1 " +
            "(e.g. UPDATE_SNAPSHOTS=1 dotnet test Campaigns.sln -c Release --filter \"FullyQualifiedName~Snapshot\") and review the git diff before committing.");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end of file>";
            var right = i < a.Length ? a[i] : "<end of file>";
            if (left != right)
            {
                return $"line {i + 1} expected\n  {left}\nbut was\n  {right}";
            }
        }
        return "same lines";
    }
}
