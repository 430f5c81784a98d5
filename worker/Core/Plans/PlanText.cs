using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Campaigns.Core.Plans;

/// <summary>
/// A plan file's bytes as text. Plans are UTF-8 (a byte order mark allowed, and UTF-16 with its mark, as Windows
/// editors save "Unicode"). Anything else, typically a plan saved as GBK by Notepad's "ANSI", is refused at the first
/// byte that is not UTF-8, with how to save it again: decoded anyway it gave names of U+FFFD and mail under a new office.
/// </summary>
public static class PlanText
{
    /// <summary>The text (empty when unreadable) and the plan parsed from it, or the encoding problem.</summary>
    public static (string Text, PlanLoadResult Result) Parse(byte[] bytes, string path, DateOnly? today = null)
    {
        if (Decode(bytes, path) is var (text, problem) && problem is not null)
        {
            return ("", new PlanLoadResult(null, [problem]));
        }
        return (text, PlanParser.Parse(text, path, today));
    }

    public static (string Text, PlanProblem? Problem) Decode(byte[] bytes, string path)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.Unicode, detectEncodingFromByteOrderMarks: true);
            return (reader.ReadToEnd(), null);
        }
        var start = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var body = span[start..];
        var chars = new char[body.Length];
        var status = Utf8.ToUtf16(body, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return (new string(chars, 0, written), null);
        }
        // Where the first bad byte is, as the admin's editor counts lines and columns.
        var lineStart = body[..read].LastIndexOf((byte)'\n') + 1;
        var line = body[..read].Count((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(body[lineStart..read]) + 1;
        return ("", new PlanProblem(ProblemSeverity.Error, new SourceLocation(path, line, column),
            $"文件不是 UTF-8 编码：此处的字节 0x{body[read]:X2} 不能按 UTF-8 读取（多半是用 GBK/GB2312，即记事本的“ANSI”保存的）。" +
            "请另存为 UTF-8 后再保存：记事本“另存为”→“编码”选“UTF-8”；VS Code 点右下角的编码→“通过编码保存”→“UTF-8”"));
    }
}
