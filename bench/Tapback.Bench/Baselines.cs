using System.Text.Json;

namespace Tapback.Bench;

/// <summary>The HTTP floors Tapback's ingest is compared with, served by Kestrel in the bench process.</summary>
internal static class Baselines
{
    /// <summary>A POST endpoint that reads the body and answers 202: what HTTP alone costs.</summary>
    public static Task<WebApplication> StartEmptyEndpointAsync() => StartAsync(async request =>
    {
        using var reader = new StreamReader(request.Body);
        await reader.ReadToEndAsync();
    });

    /// <summary>One request = one INSERT … ON CONFLICT DO NOTHING of the body's eventId, then 202.</summary>
    public static Task<WebApplication> StartInsertEndpointAsync(BaselineStore store) => StartAsync(async request =>
    {
        using var body = await JsonDocument.ParseAsync(request.Body);
        await store.InsertAsync(body.RootElement.GetProperty("eventId").GetString()!);
    });

    private static async Task<WebApplication> StartAsync(Func<HttpRequest, Task> handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/", async (HttpRequest request) =>
        {
            await handle(request);
            return Results.Accepted();
        });
        await app.StartAsync();
        return app;
    }
}
