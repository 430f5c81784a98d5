namespace Campaigns.Core.Directories;

/// <summary>
/// 统一社会信用代码 per GB 32100-2015: 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, S, V, Z);
/// the last is a check character: 31 − (Σ value(cᵢ) × wᵢ mod 31), with 31 written as 0.
/// </summary>
public static class Uscc
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The check character for the first 17 characters, or null when one is outside the alphabet.</summary>
    public static char? CheckCharacter(string first17)
    {
        if (first17.Length != 17)
        {
            return null;
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0)
            {
                return null;
            }
            sum += value * Weights[i];
        }
        return Alphabet[(31 - (sum % 31)) % 31];
    }

    public static bool IsValid(string code) =>
        code.Length == 18 && CheckCharacter(code[..17]) is { } check && code[17] == check;

    /// <summary>Why a code is invalid, in Chinese for the office, or null when it is valid.</summary>
    public static string? Problem(string code)
    {
        if (code.Length != 18)
        {
            return $"统一社会信用代码“{code}”应为18位，实为{code.Length}位";
        }
        // By index, not by the character's default value: a NUL is a character outside the alphabet too.
        if (code.AsSpan().IndexOfAnyExcept(Alphabet) is var at and >= 0)
        {
            var bad = char.IsControl(code[at]) ? $"U+{(int)code[at]:X4}" : code[at].ToString();
            return $"统一社会信用代码“{code.Replace('\0', '?')}”含有不允许的字符“{bad}”（GB 32100 不使用 I、O、S、V、Z 及小写字母）";
        }
        var check = CheckCharacter(code[..17])!.Value;
        return code[17] == check ? null : $"统一社会信用代码“{code}”校验位错误：应为“{check}”";
    }
}
