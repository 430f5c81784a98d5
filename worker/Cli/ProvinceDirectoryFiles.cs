using System.Globalization;
using System.Text;

namespace Campaigns.Cli;

/// <summary>
/// The province's two directories as the worker reads them (entities.csv, inspectors.csv with the platform's headers) for
/// the tick benchmark. Entity i has <see cref="ProvinceDirectory"/>'s USCC and lies in county i mod counties and industry
/// (i / counties) mod 10, so every county–industry pair, the scope of one campaign, holds the same share of the directory;
/// within the pair, the j-th entity has <see cref="ProvinceDirectory"/>'s risk class of j and status of j + 1 (numbering
/// within the pair keeps both spread evenly over every pair: by i they would follow the county). Inspector i serves county (i / 5) mod counties in department i mod 5 and recuses
/// from two entities of that county.
/// </summary>
public static class ProvinceDirectoryFiles
{
    public static void Write(string folder, int entities, int inspectors, int counties)
    {
        Directory.CreateDirectory(folder);
        using (var csv = new StreamWriter(Path.Combine(folder, "entities.csv"), false, new UTF8Encoding(false), 1 << 20))
        {
            csv.Write("名称,统一社会信用代码,住所,法定代表人,行业,区域,信用风险分类,状态\n");
            for (var i = 0; i < entities; i++)
            {
                var county = ProvincePlans.County(i % counties);
                var j = i / counties / ProvincePlans.Industries.Length;
                csv.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{county}对象{i}有限公司,{ProvinceDirectory.Uscc(i)},{county}城关镇{i % 997 + 1}号,法人{i % 100},{Industry(i, counties)},{county},{ProvinceDirectory.RiskClass(j)},{(ProvinceDirectory.Active(j + 1) ? "存续" : "注销")}\n"));
            }
        }
        using (var csv = new StreamWriter(Path.Combine(folder, "inspectors.csv"), false, new UTF8Encoding(false)))
        {
            csv.Write("姓名,性别,单位,职务,执法证号,证件有效期至,邮箱,手机,回避对象\n");
            for (var i = 0; i < inspectors; i++)
            {
                var county = i / ProvincePlans.DepartmentCount % counties;
                var department = i % ProvincePlans.DepartmentCount;
                var conflicts = string.Join(';', new[] { 1, 7 }.Select(k => county + k * counties).Where(e => e < entities).Select(ProvinceDirectory.Uscc));
                csv.Write(string.Create(CultureInfo.InvariantCulture,
                    $"检查员{i},{(i % 3 == 0 ? "女" : "男")},{ProvincePlans.DepartmentName(county, department)},科员,C{i:D6},2027-12-31,i{i:D6}@county{county + 1:D3}.gov.cn,139{i:D8},{conflicts}\n"));
            }
        }
    }

    public static string Industry(int entity, int counties) => ProvincePlans.Industries[entity / counties % ProvincePlans.Industries.Length];
}
