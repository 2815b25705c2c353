namespace Tapback.Diagnostics.Logging;

/// <summary>
/// Puts every entry above Debug, from any category (Tapback's own, ASP.NET Core's request logs, the MCP
/// library's), through <see cref="SanitizedLogState"/> before any sink sees it. Debug and Trace, which
/// an operator turns on to see what was sent, pass as they are.
/// </summary>
internal sealed class SanitizingLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel <= LogLevel.Debug)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
            return;
        }

        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var clean = new SanitizedLogState(state as IReadOnlyList<KeyValuePair<string, object?>>, formatter(state, exception));
        inner.Log(logLevel, eventId, clean, exception, static (entry, _) => entry.Message);
    }
}
