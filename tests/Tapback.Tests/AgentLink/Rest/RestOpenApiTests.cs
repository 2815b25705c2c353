using System.Net;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Rest;

public sealed class RestOpenApiTests
{
    [Fact]
    public async Task OpenApiDocument_DescribesTheRestApiInItsWireNames()
    {
        await using var host = await TapbackTestHost.StartAsync();

        var (response, document) = await RestFixture.GetAsync(host.Client, "/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = document!["paths"]!.AsObject();
        Assert.Contains("/v2/messages", paths.Select(path => path.Key));
        Assert.Contains("/v2/conversations/{id}/messages", paths.Select(path => path.Key));
        Assert.NotNull(paths["/v2/messages"]!["post"]!["responses"]!["202"]);
        var json = document.ToJsonString();
        Assert.Contains("\"conversation_id\"", json, StringComparison.Ordinal);
        Assert.Contains("\"message_id\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReferencePage_IsServedWithoutACdn()
    {
        await using var host = await TapbackTestHost.StartAsync();

        var html = await host.Client.GetStringAsync("/api.html");

        Assert.Contains("/openapi/v1.json", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }
}
