using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Core.Directories;

public static class DirectoryHash
{
    /// <summary>
    /// SHA-256 (lower-case hex) of the directories in a canonical text form, so a draw records the snapshot it
    /// used: one line per entity sorted by USCC ("E|uscc|name|industry|region|risk|status"), then one per
    /// inspector sorted by certificate number ("I|certificate|name|unit|valid-until|conflicts joined by ,"), each
    /// line ending in "\n", UTF-8.
    /// </summary>
    public static string Of(IEnumerable<MarketEntity> entities, IEnumerable<Inspector> inspectors)
    {
        var text = new StringBuilder();
        foreach (var e in entities.OrderBy(e => e.Uscc, StringComparer.Ordinal))
        {
            text.Append($"E|{e.Uscc}|{e.Name}|{e.Industry}|{e.Region}|{e.RiskClass}|{e.Status}\n");
        }
        foreach (var i in inspectors.OrderBy(i => i.CertificateNumber, StringComparer.Ordinal))
        {
            text.Append($"I|{i.CertificateNumber}|{i.Name}|{i.Unit}|{i.CertificateValidUntil:yyyy-MM-dd}|{string.Join(",", i.Conflicts)}\n");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
