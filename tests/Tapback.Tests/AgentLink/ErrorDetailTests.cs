using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink;

/// <summary>The mistakes a newcomer makes first are answered with what to change, not a bare status.</summary>
public sealed class ErrorDetailTests : IAsyncLifetime
{
    // Configured with the generated token's prefix, as an operator who copied one keeps it.
    private const string AdminToken = "tba_newcomer-admin-token-0123456789abcdef";
    private const string Phone = "+15550107001";

    private TapbackTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Admin:Token"] = AdminToken });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("GET", "/v2/conversations")]
    [InlineData("POST", "/v2/webhooks")]
    [InlineData("POST", "/mcp")]
    public async Task AdminToken_OnAnIntegrationSurface_Is401NamingItAsTheAdminToken(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (method == "POST")
        {
            request.Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Encoding.UTF8, "application/json");
        }

        var (status, detail) = await ProblemAsync(await _host.Client.SendAsync(request));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("This is the admin token", detail, StringComparison.Ordinal);
        Assert.Contains("integration token", detail, StringComparison.Ordinal);
        Assert.Contains("API key", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherCredential_OnAnIntegrationSurface_SaysIntegrationCredentialsStartWithTbk()
    {
        using var client = RestFixture.ClientFor(_host, "my-bot-password");

        var (status, detail) = await ProblemAsync(await client.GetAsync("/v2/conversations"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("not an integration token or API key", detail, StringComparison.Ordinal);
        Assert.Contains("tbk_", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntegrationToken_OnTheAdminApi_Is401NamingItAsAnIntegrationsCredential()
    {
        var token = await GatewayScript.PairAsync(_host, Phone);
        using var client = RestFixture.ClientFor(_host, token);

        var (status, detail) = await ProblemAsync(await client.GetAsync("/api/admin/integrations"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("integration's credential", detail, StringComparison.Ordinal);
        Assert.Contains("admin token", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v2/messages", "application/x-www-form-urlencoded")]
    [InlineData("/v2/messages", null)]
    [InlineData("/v2/typing", "text/plain")]
    [InlineData("/v2/webhooks", "application/x-www-form-urlencoded")]
    [InlineData("/auth/exchange", "application/x-www-form-urlencoded")]
    [InlineData("/api/simulator/messages", "text/plain")]
    public async Task JsonEndpoint_WithoutAJsonContentType_Is415WithADetail(string path, string? contentType)
    {
        var token = await GatewayScript.PairAsync(_host, Phone);
        using var client = RestFixture.ClientFor(_host, token);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"to":"{{Phone}}","body":"hi","typing":true,"url":"https://example.com/hook","events":["message.received"],"phone":"{{Phone}}","code":"000000","from":"{{Phone}}","text":"hi"}"""));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await client.PostAsync(path, content);
        var (status, detail) = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Content-Type: application/json", detail, StringComparison.Ordinal);
        Assert.Contains(contentType ?? "no Content-Type", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonEndpoint_WithAJsonSuffixType_IsRead()
    {
        var token = await GatewayScript.PairAsync(_host, Phone);
        using var client = RestFixture.ClientFor(_host, token);
        using var content = new StringContent($$"""{"to":"{{Phone}}","typing":true}""", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/merge-patch+json");

        using var response = await client.PostAsync("/v2/typing", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task SendMessage_WithTextInsteadOfBody_Is400SayingUseBody()
    {
        var token = await GatewayScript.PairAsync(_host, Phone);
        using var client = RestFixture.ClientFor(_host, token);

        var (response, body) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, text = "hi" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Use 'body' for the text to send, not 'text'", (string?)body!["detail"], StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Detail)> ProblemAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            var detail = text.Length > 0 && JsonNode.Parse(text) is JsonObject problem ? (string?)problem["detail"] : null;
            return (response.StatusCode, detail ?? string.Empty);
        }
    }
}
