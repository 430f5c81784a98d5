using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Campaigns.Tests.Fixtures;

/// <summary>A logger provider that keeps every entry's level and formatted message, for tests that check what was logged.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. _entries];

    public IReadOnlyList<string> Errors => [.. _entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message)];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public ILogger<T> For<T>() => new Logger<T>(new LoggerFactory([this]));

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture._entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
