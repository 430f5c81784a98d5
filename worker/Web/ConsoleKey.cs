using Campaigns.Host;

namespace Campaigns.Web;

/// <summary>The console's signing key from <see cref="WorkerOptions.ConsoleKey"/> or <see cref="WorkerOptions.ConsoleKeyFile"/>.</summary>
public static class ConsoleKey
{
    /// <summary>HMAC-SHA256's own block of strength: a shorter key would be the weakest part of every link.</summary>
    public const int MinimumBytes = 32;

    public static byte[]? Decode(string text)
    {
        var trimmed = text.Trim();
        var bytes = new byte[trimmed.Length];
        return Convert.TryFromBase64String(trimmed, bytes, out var length) && length >= MinimumBytes ? bytes[..length] : null;
    }

    /// <summary>The configured key, or null when none is (the console is then off).</summary>
    public static byte[]? Load(WorkerOptions options) =>
        options.ConsoleKey is { } key ? Decode(key)
        : options.ConsoleKeyFile is { } file && File.Exists(file) ? Decode(File.ReadAllText(file))
        : null;
}
