using System.Text;
using Campaigns.Core.Directories;
using Campaigns.Core.Sheets;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Directories;

public sealed class EntityTableTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1000, 100_000)]
    public void Build_GivesBackEveryRowAsAdded_WhateverTheStartingSize(int rows, int textLength)
    {
        var entities = TestPlans.Entities().Append(new MarketEntity("91350100M000100Y43", "", "多行\n地址", "", "网吧", "", "A", EntityStatus.Revoked)).ToList();
        var builder = new EntityTable.Builder(rows, textLength);
        entities.ForEach(builder.Add);

        var table = builder.Build();

        table.Count.ShouldBe(entities.Count);
        table.ShouldBe(entities);
        table.UsccAt(2).ShouldBe(entities[2].Uscc);
        table.IndustryAt(2).ShouldBe(entities[2].Industry);
        table.StatusAt(entities.Count - 1).ShouldBe(EntityStatus.Revoked);
    }

    [Fact]
    public void Index_BuiltFromATable_FindsTheSameEntitiesAsFromAList()
    {
        var entities = TestPlans.Entities();
        var builder = new EntityTable.Builder();
        foreach (var e in entities)
        {
            builder.Add(e);
        }

        var fromTable = EntityIndex.Build(builder.Build());
        var fromList = EntityIndex.Build(entities);

        var uscc = entities[^1].Uscc;
        fromTable.EntityAt(fromTable.Find(uscc)).ShouldBe(entities[^1]);
        var none = new HashSet<int>();
        fromTable.Eligible(entities[0].Industry, null, none).ShouldBe(fromList.Eligible(entities[0].Industry, null, none));
    }

    [Fact]
    public void ReadEntities_GivesATableOfTheRows()
    {
        var read = DirectorySheet.ReadEntities(
            "名称,统一社会信用代码,住所,法定代表人,行业,区域,信用风险分类,状态\n甲网吧,91350100M000100Y43,城关镇1号,张三,网吧,城关镇,A,存续\n", "entities.csv");

        read.Problems.ShouldBeEmpty();
        read.Rows.ShouldBeOfType<EntityTable>().ShouldHaveSingleItem()
            .ShouldBe(new MarketEntity("91350100M000100Y43", "甲网吧", "城关镇1号", "张三", "网吧", "城关镇", "A", EntityStatus.Active));
    }

    private const string Header = "名称,统一社会信用代码,住所,法定代表人,行业,区域,信用风险分类,状态\n";
    private const string Good = "甲网吧,91350100M000100Y43,城关镇1号,张三,网吧,城关镇,A,存续\n";

    [Theory]
    [InlineData(Header + Good)]
    [InlineData(Header + Good + "乙网吧,91350100M000100Y43,城关镇2号,李四,网吧,城关镇,B,歇业\n")]
    [InlineData(Header + Good + "乙网吧,91350100M000200Y43,城关镇2号,李四,网吧,城关镇,B,存续,多出\n丙网吧,,城关镇3号,王五,网吧,城关镇,C,歇业\n")]
    [InlineData("名称,统一社会信用代码,住所,法定代表人,行业,区域,信用风险分类\n" + Good)]
    [InlineData("名称,企业名称,统一社会信用代码,住所,法定代表人,行业,区域,信用风险分类,状态\n甲,甲网吧,91350100M000100Y43,城关镇1号,张三,网吧,城关镇,A,存续\n")]
    [InlineData(Header)]
    public void ReadEntities_RowByRowFromTheFile_SaysWhatTheWholeSheetSays(string csv)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);

        var streamed = DirectorySheet.ReadEntities(bytes, "entities.csv");
        var whole = DirectorySheet.ReadEntities(Sheet.Load(bytes, "entities.csv"), "entities.csv");

        streamed.Problems.ShouldBe(whole.Problems);
        streamed.Rows.ShouldBe(whole.Rows);
    }
}
