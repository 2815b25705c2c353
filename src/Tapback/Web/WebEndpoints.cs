using Tapback.Transports.Simulator;

namespace Tapback.Web;

internal static class WebEndpoints
{
    /// <summary>Serves the pages: static files from wwwroot, and the phone simulator at <c>/simulator</c> (the dashboard maps <c>/</c>).</summary>
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
        var simulatorPage = Path.Combine(app.Environment.WebRootPath, "simulator", "index.html");
        app.MapGet("/simulator", (HttpResponse response) =>
        {
            PageHeaders.Apply(response);
            return TypedResults.PhysicalFile(simulatorPage, "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        app.MapSimulatorApi();
        return app;
    }
}
