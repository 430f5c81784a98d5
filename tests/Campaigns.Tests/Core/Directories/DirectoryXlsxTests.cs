using Campaigns.Core.Directories;
using Campaigns.Core.Sheets;
using Campaigns.Engine;
using Campaigns.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Campaigns.Tests.Core.Directories;

public class DirectoryXlsxTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadEntities_XlsxWithOtherHeaderNames_MappedToTheDirectoryFields()
    {
        var xlsx = Xlsx.Write(
            ["企业名称", "信用代码", "地址", "负责人", "所属行业", "辖区", "风险等级", "登记状态"],
            ["清河县网吧", "91350100M000100Y43", "葛仙庄镇1号", "张三", "互联网上网服务营业场所", "葛仙庄镇", "较高", "在业"]);
        var read = DirectorySheet.ReadEntities(Sheet.Load(xlsx, "entities.xlsx"), "entities.xlsx");
        read.Problems.ShouldBeEmpty();
        read.Rows.Single().ShouldBe(new MarketEntity("91350100M000100Y43", "清河县网吧", "葛仙庄镇1号", "张三", "互联网上网服务营业场所", "葛仙庄镇", "较高", EntityStatus.Active));
    }

    [Fact]
    public void ReadInspectors_XlsxDateCell_ReadFromItsSerialNumber()
    {
        var serial = new DateTime(2027, 12, 31).ToOADate();
        var xlsx = Xlsx.Write(
            ["姓名", "性别", "所属单位", "职务", "执法证件号", "有效期", "电子邮箱", "手机号码", "回避对象"],
            ["张三", "男", "police", "科员", "PO1", serial, "a@x.example", "13800000000", ""]);
        var read = DirectorySheet.ReadInspectors(Sheet.Load(xlsx, "inspectors.xlsx"), "inspectors.xlsx");
        read.Problems.ShouldBeEmpty();
        read.Rows.Single().CertificateValidUntil.ShouldBe(new DateOnly(2027, 12, 31));
    }

    [Fact]
    public void ReadEntities_XlsxBadRows_ReportedAtExcelRowAndColumn_NothingImported()
    {
        var xlsx = Xlsx.Write(
            ["名称", "统一社会信用代码", "住所", "法定代表人", "行业", "区域", "信用风险分类", "状态"],
            ["甲", "91350100M000100Y43", "址", "人", "网吧", "城区", "A", "存续"],
            ["乙", "91350100M000100Y4Q", "址", "人", "网吧", "城区", "A", "存续"]);
        var read = DirectorySheet.ReadEntities(Sheet.Load(xlsx, "entities.xlsx"), "entities.xlsx");
        read.Rows.ShouldBeEmpty();
        read.Problems.Single().ToString().ShouldBe("entities.xlsx:3:2: 统一社会信用代码“91350100M000100Y4Q”校验位错误：应为“3”");
    }

    [Fact]
    public void DirectoryFiles_XlsxExport_PreferredOverCsv()
    {
        File.Copy(Repository.Path("config", "directories", "inspectors.csv"), _dir.File("inspectors.csv"));
        File.WriteAllText(_dir.File("entities.csv"), string.Join(",", DirectorySheet.EntityHeaders) + "\n");
        File.WriteAllBytes(_dir.File("entities.xlsx"), Xlsx.Write(
            ["名称", "统一社会信用代码", "住所", "法定代表人", "行业", "区域", "信用风险分类", "状态"],
            ["甲", "91350100M000100Y43", "址", "人", "网吧", "城区", "A", "存续"]));
        new DirectoryFiles(NullLogger<DirectoryFiles>.Instance).Load(_dir.Path, _dir.File("copies")).ShouldNotBeNull().Entities.Single().Name.ShouldBe("甲");
    }
}
