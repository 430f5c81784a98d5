using System.IO.Compression;
using System.Text;
using Campaigns.Core.Directories;
using Campaigns.Core.Sheets;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Sheets;

/// <summary>Broken, hostile and foreign-encoded spreadsheets: each a located problem, never an exception.</summary>
public class SheetTests
{
    private const string Header = "名称,统一社会信用代码,住所,法定代表人,行业,区域,信用风险分类,状态";
    private const string Good = "清河县网吧,91350100M000100Y43,葛仙庄镇1号,张三,互联网上网服务营业场所,葛仙庄镇,A,存续";

    private static SheetProblem Problem(byte[] xlsx, SheetLimits? limits = null) =>
        Sheet.Load(xlsx, "x.xlsx", limits).Problem.ShouldNotBeNull();

    public static TheoryData<string, string, string> BrokenSheets => new()
    {
        // Each: what the worksheet's sheetData holds, where the problem must be, and what it must say.
        { """<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>""", "x.xlsx:1:1", "单元格 A1 重复出现" },
        { """<row r="5"><c r="AAAAAAAA5"><v>1</v></c></row>""", "x.xlsx:5:1", "单元格引用“AAAAAAAA5”超出 Excel 的列范围" },
        { """<row r="2"><c r="XFE2"><v>1</v></c></row>""", "x.xlsx:2:1", "超出 Excel 的列范围" },
        { """<row r="2"><c r="B7"><v>1</v></c></row>""", "x.xlsx:2:2", "单元格 B7 写在第2行中" },
        { """<row r="2"><c r="B"><v>1</v></c></row>""", "x.xlsx:2:1", "单元格引用“B”无效" },
        { """<row r="3"/><row r="3"/>""", "x.xlsx:3:1", "第3行在工作表中重复出现" },
        { """<row r="2000000"><c r="A2000000"><v>1</v></c></row>""", "x.xlsx:1:1", "行数超过 1048576 行" },
        { """<row r="1"><c r="A1" t="s"><v>7</v></c></row>""", "x.xlsx:1:1", "指向不存在的共享字符串" },
        { """<row r="1"><c r="A1"><v>1</v></c>""", "x.xlsx:1:1", "xl/worksheets/sheet1.xml 不是完整的 XML" },
    };

    [Theory]
    [MemberData(nameof(BrokenSheets))]
    public void Load_BrokenWorksheet_ProblemAtItsPlace(string sheetData, string at, string message)
    {
        var problem = Problem(RawXlsx.Zip(RawXlsx.Parts(sheetData)));

        problem.ToString().ShouldStartWith(at + ": ");
        problem.Message.ShouldContain(message);
    }

    [Theory]
    // A part left out, each in its turn: the file names what is missing.
    [InlineData("xl/worksheets/sheet1.xml", "缺少工作表 xl/worksheets/sheet1.xml")]
    [InlineData("xl/workbook.xml", "缺少工作簿 xl/workbook.xml")]
    [InlineData("_rels/.rels", "缺少工作簿（_rels/.rels 中没有 officeDocument）")]
    [InlineData("xl/_rels/workbook.xml.rels", "缺少 xl/_rels/workbook.xml.rels")]
    [InlineData("xl/sharedStrings.xml", "缺少共享字符串表")]
    public void Load_PartMissing_NamesIt(string part, string message)
    {
        var parts = RawXlsx.Parts(RawXlsx.Rows(["名称"]));
        parts.Remove(part);

        Problem(RawXlsx.Zip(parts)).ToString().ShouldStartWith($"x.xlsx:1:1: {message}");
    }

    [Fact]
    public void Load_Dtd_RefusedWithoutExpandingIt()
    {
        var parts = RawXlsx.Parts("");
        // The billion-laughs shape: entities that would expand exponentially if the DTD were processed.
        parts["xl/worksheets/sheet1.xml"] = """<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>"""
            + $"""<worksheet xmlns="{RawXlsx.Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>""";

        Problem(RawXlsx.Zip(parts)).Message.ShouldContain("含有 DTD");
    }

    [Fact]
    public void Load_NotAZipAtAll_FileProblem()
    {
        Problem(Encoding.UTF8.GetBytes(Header + "\n" + Good)).ToString().ShouldStartWith("x.xlsx:1:1: 不是有效的 XLSX 文件");
    }

    [Fact]
    public void Load_TruncatedZip_FileProblem()
    {
        var whole = RawXlsx.Zip(RawXlsx.Parts(RawXlsx.Rows(["名称"], ["x"])));

        Problem(whole[..(whole.Length / 2)]).ToString().ShouldStartWith("x.xlsx:1:1: ");
    }

    [Fact]
    public void Load_CellsWithoutReferences_TakeTheNextColumnAsTheStandardAllows()
    {
        var xlsx = RawXlsx.Zip(RawXlsx.Parts("""<row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row><row><c><v>1</v></c><c r="B2"><v>2</v></c></row>"""));

        var sheet = Sheet.Load(xlsx, "x.xlsx").Sheet.ShouldNotBeNull();

        sheet.Headers.ShouldBe(["a", "b"]);
        sheet.Rows.Single().ShouldBe(new Sheet.Row(2, ["1", "2"]), new RowComparer());
    }

    [Fact]
    public void Load_FormulaCell_ShowsItsValueNotTheFormula()
    {
        var xlsx = RawXlsx.Zip(RawXlsx.Parts("""<row r="1"><c r="A1" t="inlineStr"><is><t>n</t></is></c></row><row r="2"><c r="A2"><f>1+1</f><v>2</v></c></row>"""));

        Sheet.Load(xlsx, "x.xlsx").Sheet.ShouldNotBeNull().Rows.Single().Fields.ShouldBe(["2"]);
    }

    /// <summary>
    /// A few MB of zeros, compressed to a few KB, declaring 600 MB as a real bomb of that size would (declared, not
    /// built: compressing 600 MB takes a minute on a busy machine): refused from the declared sizes, before inflating.
    /// </summary>
    [Fact]
    public void Load_ZipBomb_RefusedByTheExpandedLimit()
    {
        var bomb = Declaring(Bomb(4 << 20), "xl/worksheets/sheet1.xml", 600u << 20);
        bomb.Length.ShouldBeLessThan(1 << 20);

        var problem = Problem(bomb);

        problem.ToString().ShouldStartWith("x.xlsx:1:1: 解压后共 601 MB，超过导入上限 512 MB，未读取");
    }

    /// <summary>The zip with <paramref name="entry"/>'s uncompressed size in the central directory set to <paramref name="size"/>.</summary>
    private static byte[] Declaring(byte[] zip, string entry, uint size)
    {
        var name = Encoding.UTF8.GetBytes(entry);
        for (var i = 0; i + 46 <= zip.Length; i++)
        {
            // Central directory file header: signature PK\x01\x02, uncompressed size at 24, name length at 28, name at 46.
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 1 && zip[i + 3] == 2
                && BitConverter.ToUInt16(zip, i + 28) == name.Length && zip.AsSpan(i + 46, name.Length).SequenceEqual(name))
            {
                BitConverter.GetBytes(size).CopyTo(zip, i + 24);
                return zip;
            }
        }
        throw new InvalidOperationException($"{entry} not in the zip's central directory");
    }

    /// <summary>A few MB of zeros under the limit: not XML, so refused at its first byte rather than read on.</summary>
    [Fact]
    public void Load_SmallZipBomb_RefusedAtItsFirstByte()
    {
        Problem(Bomb(8 << 20)).Message.ShouldContain("xl/worksheets/sheet1.xml 不是完整的 XML");
    }

    [Fact]
    public void Load_ZipBombUnderATighterLimit_Refused()
    {
        Problem(Bomb(5 << 20), new SheetLimits { MaxExpandedBytes = 1 << 20 }).Message.ShouldContain("超过导入上限 1 MB");
    }

    [Fact]
    public void Load_FileOverTheSizeLimit_RefusedBeforeParsing()
    {
        var csv = Encoding.UTF8.GetBytes(Header + "\n" + Good + "\n");

        Sheet.Load(csv, "e.csv", new SheetLimits { MaxFileBytes = 10 }).Problem.ShouldNotBeNull().Message.ShouldContain("超过导入上限");
    }

    [Fact]
    public void Load_CsvOverTheRowLimit_Refused()
    {
        var csv = Encoding.UTF8.GetBytes(Header + "\n" + string.Concat(Enumerable.Repeat(Good + "\n", 5)));

        Sheet.Load(csv, "e.csv", new SheetLimits { MaxRows = 3 }).Problem.ShouldNotBeNull().Message.ShouldContain("行数超过 3 行");
    }

    private static byte[] Bomb(int zeros)
    {
        var parts = RawXlsx.Parts("");
        parts.Remove("xl/worksheets/sheet1.xml");
        var zip = RawXlsx.Zip(parts);
        using var stream = new MemoryStream();
        stream.Write(zip);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            var block = new byte[1 << 20];
            for (var written = 0; written < zeros; written += block.Length)
            {
                entry.Write(block, 0, Math.Min(block.Length, zeros - written));
            }
        }
        return stream.ToArray();
    }

    [Fact]
    public void Load_GbkCsvAsExcelInChinaSavesIt_ReadLikeUtf8()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GBK").GetBytes(Header + "\r\n" + Good + "\r\n");
        Utf8(gbk).ShouldBeFalse();

        var read = DirectorySheet.ReadEntities(Sheet.Load(gbk, "e.csv"), "e.csv");

        read.Problems.ShouldBeEmpty();
        read.Rows.Single().Name.ShouldBe("清河县网吧");
    }

    [Fact]
    public void Load_NeitherUtf8NorGb18030_SaysHowToSaveIt()
    {
        byte[] latin = [.. Encoding.UTF8.GetBytes("名称\n"), 0x81, 0x20, 0xFF, (byte)'\n'];

        Sheet.Load(latin, "e.csv").Problem.ShouldNotBeNull().ToString().ShouldStartWith("e.csv:1:1: 文件编码无法识别：既不是 UTF-8 也不是 GBK/GB18030");
    }

    private static bool Utf8(byte[] bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    [Fact]
    public void ReadEntities_NulInUscc_LocatedNotThrown()
    {
        var read = DirectorySheet.ReadEntities(Header + "\n" + Good.Replace("91350100M000100Y43", "9135010\0M000100Y43") + "\n", "e.csv");

        read.Rows.ShouldBeEmpty();
        read.Problems.Select(p => p.ToString()).ShouldContain("e.csv:2:2: “统一社会信用代码”含有控制字符 U+0000，请删去");
    }

    [Theory]
    // A control character in a name is refused at its cell; a line break only in 住所 (Alt+Enter in Excel).
    [InlineData("清河县\t网吧", "e.csv:2:1: “名称”含有控制字符 U+0009")]
    [InlineData("清河县\u001b网吧", "e.csv:2:1: “名称”含有控制字符 U+001B")]
    public void ReadEntities_ControlCharacterInName_Refused(string name, string expected)
    {
        var read = DirectorySheet.ReadEntities(Header + "\n" + Good.Replace("清河县网吧", $"\"{name}\"") + "\n", "e.csv");

        read.Problems.Select(p => p.ToString()).ShouldContain(p => p.StartsWith(expected));
    }

    [Fact]
    public void ReadEntities_LineBreakInAddress_Accepted()
    {
        var read = DirectorySheet.ReadEntities(Header + "\n" + Good.Replace("葛仙庄镇1号", "\"葛仙庄镇\n1号\"") + "\n", "e.csv");

        read.Problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("名称,名称,统一社会信用代码,住所,法定代表人,行业,区域,信用风险分类,状态", "e.csv:1:2: 表头“名称”与第1列重复")]
    [InlineData("名称,企业名称,统一社会信用代码,住所,法定代表人,行业,区域,信用风险分类,状态", "e.csv:1:2: 表头“企业名称”与第1列的“名称”是同一项（名称）")]
    public void ReadEntities_HeaderGivenTwice_Refused(string header, string expected)
    {
        var read = DirectorySheet.ReadEntities(header + "\n" + "a," + Good + "\n", "e.csv");

        read.Rows.ShouldBeEmpty();
        read.Problems.Select(p => p.ToString()).ShouldContain(p => p.StartsWith(expected));
    }

    [Fact]
    public void ReadEntities_RowLongerThanTheHeader_Refused()
    {
        var read = DirectorySheet.ReadEntities(Header + "\n" + Good + ",多出的一格\n", "e.csv");

        read.Problems.Select(p => p.ToString()).ShouldContain(p => p.StartsWith("e.csv:2:9: 第9列有内容“多出的一格”，但该列没有表头"));
    }

    private sealed class RowComparer : IEqualityComparer<Sheet.Row>
    {
        public bool Equals(Sheet.Row? x, Sheet.Row? y) => x!.Line == y!.Line && x.Fields.SequenceEqual(y.Fields);

        public int GetHashCode(Sheet.Row obj) => obj.Line;
    }
}
