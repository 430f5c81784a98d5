using System.Security.Cryptography;
using System.Text;
using Campaigns.Core.Draws;

namespace Campaigns.Core.Directories;

public static class DirectoryHash
{
    /// <summary>
    /// The hash a draw records for the snapshot it read: SHA-256 (lower-case hex) of the UTF-8 text made of one line per
    /// file, in the record's order (entities, inspectors, departments), each "{sha256 of the file's bytes}  {file name}\n"
    /// (two spaces): exactly what <c>sha256sum entities.csv inspectors.csv departments.csv | sha256sum</c> prints.
    /// </summary>
    public static string Of(IEnumerable<SnapshotFile> files) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(files.Select(f => $"{f.Sha256}  {f.File}\n")))));
}
