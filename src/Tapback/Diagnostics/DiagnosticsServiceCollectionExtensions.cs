namespace Tapback.Diagnostics;

internal static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>The "Tapback" meter; the host's <c>IMeterFactory</c> (always registered) owns it.</summary>
    public static IServiceCollection AddTapbackDiagnostics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<TapbackMetrics>();
        return services;
    }
}
