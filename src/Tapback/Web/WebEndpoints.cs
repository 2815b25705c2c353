using Tapback.Transports.Simulator;

namespace Tapback.Web;

internal static class WebEndpoints
{
    public static IServiceCollection AddTapbackPages(this IServiceCollection services, IConfiguration configuration)
    {
        // One switch, bound as a bool: a wrong value fails the binding at start, naming the key.
        services.AddOptions<SimulatorAccessOptions>().Bind(configuration.GetSection(SimulatorAccessOptions.SectionName)).ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Serves the pages: static files from wwwroot, and the phone simulator at <c>/simulator</c> (the
    /// dashboard maps <c>/</c>). The simulator's page sits outside wwwroot, so that the gate before it
    /// and its API is the only way in.
    /// </summary>
    public static WebApplication MapTapbackPages(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                if (file.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    PageHeaders.Apply(file.Context.Response);
                }
            },
        });
        var simulatorPage = Path.Combine(app.Environment.ContentRootPath, "pages", "simulator", "index.html");
        var simulator = app.MapGroup(string.Empty).AddEndpointFilter<SimulatorGate>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        simulator.MapGet("/simulator", (HttpResponse response) =>
        {
            PageHeaders.Apply(response);
            return TypedResults.PhysicalFile(simulatorPage, "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        simulator.MapSimulatorApi();
        return app;
    }
}
