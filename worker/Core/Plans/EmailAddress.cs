using MimeKit;

namespace Campaigns.Core.Plans;

/// <summary>
/// The one check of an e-mail address wherever one enters (a plan's contacts, a directory's 邮箱, the sender in the
/// settings): MimeKit's own strict parser, the one that later writes the address into the message, so what passes here
/// is exactly one mailbox the mail library sends to — never a list (a comma would mail a stranger too) and never a line
/// break (a header of the sender's choosing).
/// </summary>
public static class EmailAddress
{
    public static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
        Rfc2047ComplianceMode = RfcComplianceMode.Strict,
    };

    /// <summary>The address as MimeKit reads it, or null when <paramref name="text"/> is not exactly one bare address.</summary>
    public static MailboxAddress? Parse(string text) =>
        !text.Any(char.IsControl) && MailboxAddress.TryParse(Strict, text, out var mailbox)
            && string.IsNullOrEmpty(mailbox.Name) && mailbox.Address == text.Trim() ? mailbox : null;

    /// <summary>Why <paramref name="text"/> is not one address (in Chinese, for the office), or null when it is.</summary>
    public static string? Problem(string text)
    {
        var shown = string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        if (text.Any(char.IsControl))
        {
            return $"邮箱“{shown}”含有换行或其他控制字符";
        }
        if (Parse(text) is not null)
        {
            return null;
        }
        return InternetAddressList.TryParse(Strict, text, out var list) && list.Count > 1
            || text.IndexOfAny([',', ';', '，', '；']) >= 0
            ? $"邮箱“{shown}”填写了多个地址，每处只能填写一个邮箱"
            : $"邮箱“{shown}”格式不正确";
    }
}
