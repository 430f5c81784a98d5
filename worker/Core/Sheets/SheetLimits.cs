namespace Campaigns.Core.Sheets;

/// <summary>
/// How much an import reads before it refuses. A 1.2 MB zip of zeros once expanded until the process ran out of memory;
/// these bounds stop that in the first milliseconds, from the sizes the zip declares, and again while reading, in case
/// the declared sizes lie. Each is far above what an office exports: a province's directory of 1,000,000 entities is a
/// CSV of about 150 MB.
/// </summary>
public sealed record SheetLimits
{
    public static SheetLimits Default { get; } = new();

    /// <summary>The file as stored (CSV, or the XLSX zip).</summary>
    public long MaxFileBytes { get; init; } = 256L << 20;

    /// <summary>The XLSX parts read (workbook, worksheet, shared strings), after decompression.</summary>
    public long MaxExpandedBytes { get; init; } = 512L << 20;

    /// <summary>Rows: Excel's own limit (1,048,576), so nothing Excel made is refused.</summary>
    public int MaxRows { get; init; } = 1_048_576;

    /// <summary>Columns: Excel's own limit, XFD.</summary>
    public int MaxColumns { get; init; } = 16_384;

    /// <summary>Characters in a cell: Excel's own limit.</summary>
    public int MaxCellLength { get; init; } = 32_767;
}
