using Campaigns.Core.Directories;
using Campaigns.Core.Draws;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Directories;

public class DirectorySheetTests
{
    private const string Header = "名称,统一社会信用代码,住所,法定代表人,行业,区域,信用风险分类,状态";

    [Fact]
    public void ReadEntities_ShippedFile_NoProblems()
    {
        var path = Repository.Path("config", "directories", "entities.csv");
        var read = DirectorySheet.ReadEntities(File.ReadAllText(path), path);
        read.Problems.ShouldBeEmpty();
        read.Rows.Count.ShouldBe(120);
        read.Rows.ShouldContain(e => e.Status == EntityStatus.Deregistered);
    }

    [Fact]
    public void ReadInspectors_ShippedFile_NoProblems_ExpiredOnesKeptButNotQualified()
    {
        var path = Repository.Path("config", "directories", "inspectors.csv");
        var read = DirectorySheet.ReadInspectors(File.ReadAllText(path), path);
        read.Problems.ShouldBeEmpty();
        read.Rows.Count(i => !i.IsQualifiedOn(new DateOnly(2026, 1, 1))).ShouldBe(5);
    }

    [Fact]
    public void ReadEntities_ByteOrderMarkFromExcel_Ignored() =>
        DirectorySheet.ReadEntities("\uFEFF" + Header + "\n清河县网吧,91350100M000100Y43,葛仙庄镇1号,张三,互联网上网服务营业场所,葛仙庄镇,A,存续\n", "e.csv")
            .Rows.Single().Uscc.ShouldBe("91350100M000100Y43");

    [Fact]
    public void ReadEntities_BadRows_EveryProblemAtRowAndColumn_NothingImported()
    {
        var csv = $"""
            {Header}
            清河县网吧,91350100M000100Y43,葛仙庄镇1号,张三,互联网上网服务营业场所,葛仙庄镇,A,存续
            ,91350100M000100Y4Q,葛仙庄镇2号,李四,互联网上网服务营业场所,葛仙庄镇,B,营业
            重复网吧,91350100M000100Y43,葛仙庄镇3号,王五,互联网上网服务营业场所,葛仙庄镇,B,存续
            """;
        var read = DirectorySheet.ReadEntities(csv, "entities.csv");
        read.Rows.ShouldBeEmpty();
        read.Problems.Select(p => p.ToString()).ShouldBe(
        [
            "entities.csv:3:1: “名称”不能为空",
            "entities.csv:3:2: 统一社会信用代码“91350100M000100Y4Q”校验位错误：应为“3”",
            "entities.csv:3:8: 状态“营业”无效，应为 存续、在业、开业、注销、吊销 之一",
            "entities.csv:4:2: 统一社会信用代码“91350100M000100Y43”与第2行重复",
        ]);
    }

    [Fact]
    public void ReadEntities_RepeatedCodes_EachLaterRowNamesTheFirst_InRowOrderAmongItsOtherProblems()
    {
        static string Code(string first17) => first17 + Uscc.CheckCharacter(first17);
        var (a, b) = (Code("91350100M000100Y4"), Code("91350100M000200Y4"));
        var csv = $"""
            {Header}
            网吧甲,{a},地址1,张三,互联网上网服务营业场所,葛仙庄镇,A,存续
            网吧乙,{b},地址2,李四,互联网上网服务营业场所,葛仙庄镇,A,存续
            ,{a},地址3,王五,互联网上网服务营业场所,葛仙庄镇,B,营业
            网吧丁,{b},地址4,赵六,互联网上网服务营业场所,葛仙庄镇,B,存续
            网吧戊,{a},地址5,钱七,互联网上网服务营业场所,葛仙庄镇,B,营业
            """;
        string[] expected =
        [
            "entities.csv:4:1: “名称”不能为空",
            $"entities.csv:4:2: 统一社会信用代码“{a}”与第2行重复",
            "entities.csv:4:8: 状态“营业”无效，应为 存续、在业、开业、注销、吊销 之一",
            $"entities.csv:5:2: 统一社会信用代码“{b}”与第3行重复",
            $"entities.csv:6:2: 统一社会信用代码“{a}”与第2行重复",
            "entities.csv:6:8: 状态“营业”无效，应为 存续、在业、开业、注销、吊销 之一",
        ];
        var read = DirectorySheet.ReadEntities(csv, "entities.csv");
        read.Rows.ShouldBeEmpty();
        read.Problems.Select(p => p.ToString()).ShouldBe(expected);
        // The worker's path: the file's bytes, read row by row.
        DirectorySheet.ReadEntities(System.Text.Encoding.UTF8.GetBytes(csv), "entities.csv").Problems.Select(p => p.ToString()).ShouldBe(expected);
    }

    [Fact]
    public void ReadEntities_ManyRepeatsAmongOtherCodes_EveryOneNamesTheFirstRow()
    {
        static string Code(int n) => $"91350100M{n:D6}Y4" + Uscc.CheckCharacter($"91350100M{n:D6}Y4");
        // Every third row repeats the first row's code, the others descend around it: the sort that finds the repeats does
        // not keep the file's order among them (here the first of them it meets is row 248, not row 2).
        var rows = Enumerable.Range(0, 300).Select(i => $"网吧{i},{Code(i % 3 == 0 ? 500 : 300 - i)},地址{i},张三,互联网上网服务营业场所,葛仙庄镇,A,存续");
        var read = DirectorySheet.ReadEntities(string.Join("\n", [Header, .. rows]), "entities.csv");
        read.Problems.Select(p => p.ToString()).ShouldBe(
            Enumerable.Range(1, 99).Select(k => $"entities.csv:{3 * k + 2}:2: 统一社会信用代码“{Code(500)}”与第2行重复"));
    }

    [Fact]
    public void ReadInspectors_BadDateAndDuplicateCertificate_Reported()
    {
        var csv = """
            姓名,性别,单位,职务,执法证号,证件有效期至,邮箱,手机,回避对象
            张三,男,police,科员,PO1,2027-12-31,a@x.example,,
            李四,女,police,科员,PO1,2027/12/31,b@x.example,,91350100M000100Y4Q
            """;
        var read = DirectorySheet.ReadInspectors(csv, "inspectors.csv");
        read.Rows.ShouldBeEmpty();
        read.Problems.Select(p => p.ToString()).ShouldBe(
        [
            "inspectors.csv:3:5: 执法证号“PO1”与第2行重复",
            "inspectors.csv:3:6: 证件有效期至“2027/12/31”无效，应为 YYYY-MM-DD",
            "inspectors.csv:3:9: 回避对象中的统一社会信用代码“91350100M000100Y4Q”校验位错误：应为“3”",
        ]);
    }

    [Fact]
    public void ReadInspectors_EmailWithLineBreakOrTwoAddresses_RefusedAtTheCell()
    {
        var csv = "姓名,性别,单位,职务,执法证号,证件有效期至,邮箱,手机,回避对象\n"
            + "张三,男,police,科员,PO1,2027-12-31,\"a@x.example\r\nBcc: evil@attacker.example\",,\n"
            + "李四,女,police,科员,PO2,2027-12-31,\"b@x.example, evil@attacker.example\",,\n"
            + "王五,男,police,科员,PO3,2027-12-31,c@x.example,,\n";
        var read = DirectorySheet.ReadInspectors(csv, "inspectors.csv");
        read.Rows.ShouldBeEmpty();
        read.Problems.Select(p => p.ToString()).ShouldBe(
        [
            // Every directory cell refuses control characters before the address is parsed (the address check would too).
            "inspectors.csv:2:7: “邮箱”含有控制字符 U+000D，请删去",
            // The line break inside the quoted cell makes 李四's row the file's fourth line.
            "inspectors.csv:4:7: 邮箱“b@x.example, evil@attacker.example”填写了多个地址，每处只能填写一个邮箱",
        ]);
    }

    [Fact]
    public void ReadEntities_MissingHeader_NamesIt() =>
        DirectorySheet.ReadEntities("名称,住所\n", "e.csv").Problems.First().ToString().ShouldStartWith("e.csv:1:1: 缺少表头“统一社会信用代码”");

    [Fact]
    public void DirectoryHash_IsSha256OfTheSha256sumListing()
    {
        SnapshotFile[] files = [SnapshotFile.Of("entities.csv", "abc"u8), SnapshotFile.Of("inspectors.csv", ""u8)];
        files[0].Sha256.ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        DirectoryHash.Of(files).ShouldBe(SnapshotFile.Of("", System.Text.Encoding.UTF8.GetBytes(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  entities.csv\n" +
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  inspectors.csv\n")).Sha256);
        DirectoryHash.Of(files.AsEnumerable().Reverse()).ShouldNotBe(DirectoryHash.Of(files), "the order is part of the hash");
    }
}
