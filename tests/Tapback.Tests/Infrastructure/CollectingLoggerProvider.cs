using Microsoft.Extensions.Logging;

namespace Tapback.Tests.Infrastructure;

/// <summary>Keeps every formatted log line, so tests can read what an operator would see.</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly Lock _lock = new();
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
        // Nothing held.
    }

    private void Add(LogLevel level, string message)
    {
        lock (_lock)
        {
            _entries.Add((level, message));
        }
    }

    private sealed class Logger(CollectingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Add(logLevel, formatter(state, exception));
    }
}
