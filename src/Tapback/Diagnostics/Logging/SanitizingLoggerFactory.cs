namespace Tapback.Diagnostics.Logging;

/// <summary>
/// The host's <see cref="LoggerFactory"/> with every logger it makes wrapped in a <see cref="SanitizingLogger"/>.
/// Wrapping the factory, not each provider, keeps provider-specific settings (<c>Logging:Console:LogLevel</c>) working.
/// </summary>
internal sealed class SanitizingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new SanitizingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
