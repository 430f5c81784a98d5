using System.IO.Compression;
using System.Text;

namespace Campaigns.Tests.Fixtures;

/// <summary>
/// An XLSX zip written part by part, so a test can leave a part out, truncate it or give it anything a hostile or
/// broken exporter might: the minimal parts Excel needs, each replaceable.
/// </summary>
public static class RawXlsx
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static Dictionary<string, string> Parts(string sheetData) => new()
    {
        ["_rels/.rels"] = $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PackageRelationships}"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>""",
        ["xl/workbook.xml"] = $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets><sheet name="名录" sheetId="1" r:id="rId1"/></sheets></workbook>""",
        ["xl/_rels/workbook.xml.rels"] = $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PackageRelationships}"><Relationship Id="rId1" Type="{Relationships}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{Relationships}/sharedStrings" Target="sharedStrings.xml"/></Relationships>""",
        ["xl/sharedStrings.xml"] = $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}"><si><t>名称</t></si></sst>""",
        ["xl/worksheets/sheet1.xml"] = Sheet(sheetData),
    };

    public static string Sheet(string sheetData) => $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>{sheetData}</sheetData></worksheet>""";

    public static byte[] Zip(IReadOnlyDictionary<string, string> parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in parts)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return stream.ToArray();
    }

    /// <summary>Inline-string cells, one row per array, references given: the shape of a hand-made or generated sheet.</summary>
    public static string Rows(params string[][] rows) => string.Concat(rows.Select((cells, r) =>
        $"""<row r="{r + 1}">""" + string.Concat(cells.Select((text, c) =>
            $"""<c r="{(char)('A' + c)}{r + 1}" t="inlineStr"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>""")) + "</row>"));
}
