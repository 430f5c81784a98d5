using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Mail;

/// <summary>The test decoder itself, since the SMTP tests trust it to read what the server received.</summary>
public class EncodedWordsTests
{
    [Theory]
    // B words as System.Net.Mail folds a long subject; "提醒" split across the two words (提 = E6 8F 90, 醒 = E9 86 92).
    [InlineData("=?utf-8?B?5o+Q6Y==?=\r\n =?utf-8?B?hpI=?=", "提醒")]
    // Q words as System.Net.Mail writes display names, followed by a plain address.
    [InlineData("=?utf-8?Q?=E6=9D=8E=E5=9B=9B?= <a@b.example>", "李四 <a@b.example>")]
    // Q underscore is a space; text outside words is kept, whitespace between words is not.
    [InlineData("Re: =?utf-8?Q?a_b?= =?utf-8?Q?c?= end", "Re: a bc end")]
    [InlineData("plain ASCII", "plain ASCII")]
    public void Decode_Cases(string value, string decoded) => EncodedWords.Decode(value).ShouldBe(decoded);
}
