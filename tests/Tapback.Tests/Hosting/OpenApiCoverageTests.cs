using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Hosting;

/// <summary>
/// <c>/openapi/v1.json</c> describes every route Tapback maps, whichever feature maps it (this reads
/// the routing table, not a list): its methods, its request body, its refusals, and the status codes
/// the server really answers.
/// </summary>
public sealed class OpenApiCoverageTests : IAsyncLifetime
{
    private const string AdminToken = "openapi-coverage-admin-token-0123456789";
    private const string Phone = "+15550108001";

    // Kept out of the API document on purpose: pages, the document itself, the dashboard's own API
    // (docs/dashboard.md) and the providers' webhooks into transports (their wire formats, docs/transports).
    private static readonly string[] UndocumentedRoutes = ["/", "/signin", "/simulator", "/openapi/{documentName}.json", "/webhooks/{instance}"];
    private const string UndocumentedPrefix = "/api/dashboard/";

    // What every endpoint that reads JSON can answer: a body that does not fit, and one that is not JSON.
    private static readonly string[] JsonRefusals = ["400", "415"];

    private static readonly string[] WebhookEvents = ["message.received"];

    private TapbackTestHost _host = null!;
    private JsonObject _paths = null!;
    private string _integrationToken = null!;
    private string _integrationId = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Admin:Token"] = AdminToken,
            ["Tapback:Webhooks:AllowPrivateUrls"] = "true",
        });
        _paths = JsonNode.Parse(await _host.Client.GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject();
        var code = await GatewayScript.RequestCodeAsync(_host, Phone);
        using var exchanged = await GatewayScript.ExchangeAsync(_host, Phone, code);
        var pairing = JsonNode.Parse(await exchanged.Content.ReadAsStringAsync())!;
        _integrationToken = (string)pairing["token"]!;
        _integrationId = (string)pairing["integrationId"]!;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void EveryMappedRoute_IsInTheDocumentWithItsMethods()
    {
        var missing = new List<string>();
        foreach (var endpoint in Endpoints())
        {
            var path = PathOf(endpoint);
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            {
                Assert.True(
                    UndocumentedRoutes.Contains(path) || path.StartsWith(UndocumentedPrefix, StringComparison.Ordinal),
                    $"{path} is excluded from the OpenAPI document; describe it instead (only pages, the dashboard's API and transport webhooks stay out).");
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            if (methods.Count == 0)
            {
                missing.Add($"{path} (answers any method: map it with its methods)");
            }

            missing.AddRange(methods.Where(method => Operation(path, method) is null).Select(method => $"{method} {path}"));
        }

        Assert.True(missing.Count == 0, "Not in /openapi/v1.json: " + string.Join("; ", missing));
    }

    [Fact]
    public void EveryOperation_DeclaresItsBodyAndItsRefusals()
    {
        var gaps = new List<string>();
        foreach (var (endpoint, path, method, operation) in Described())
        {
            var codes = Codes(operation);
            var name = $"{method} {path}";
            // Whatever takes input can refuse it (a probe that takes none, such as /healthz, need not).
            var takesInput = endpoint.RoutePattern.Parameters.Count > 0 || method is not ("GET" or "HEAD")
                || endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null || endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null;
            if (takesInput && !codes.Any(code => code.StartsWith('4')))
            {
                gaps.Add($"{name}: no 4xx listed");
            }

            if (endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null && !codes.Contains("401"))
            {
                gaps.Add($"{name}: takes a credential, 401 not listed");
            }

            if (endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null && !codes.Contains("429"))
            {
                gaps.Add($"{name}: rate limited, 429 not listed");
            }

            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts && accepts.ContentTypes.Contains("application/json"))
            {
                if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is not JsonObject schema || schema.Count == 0)
                {
                    gaps.Add($"{name}: reads JSON, no request body schema");
                }

                gaps.AddRange(JsonRefusals.Where(code => !codes.Contains(code)).Select(code => $"{name}: reads JSON, {code} not listed"));
            }

            if (endpoint.RoutePattern.Parameters.Any(parameter => parameter.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase)) && !codes.Contains("404"))
            {
                gaps.Add($"{name}: names a record by id, 404 not listed");
            }
        }

        Assert.True(gaps.Count == 0, string.Join("\n", gaps));
    }

    /// <summary>
    /// Every described operation is called three ways (no credential and a form body; its credential
    /// and a text body; its credential and an empty JSON object) with ids that do not exist: each answer
    /// must be a code the document lists, and a 415 means the operation reads a body it must describe.
    /// </summary>
    [Fact]
    public async Task ProbedAnswers_AreAmongTheDocumentedCodes()
    {
        var undocumented = new List<string>();
        foreach (var (endpoint, path, method, operation) in Described())
        {
            var codes = Codes(operation);
            var credential = CredentialFor(endpoint);
            foreach (var (token, contentType, body) in new (string?, string, string)[]
                     {
                         (null, "application/x-www-form-urlencoded", "a=b"),
                         (credential, "text/plain", "hello"),
                         (credential, "application/json", "{}"),
                     })
            {
                var status = await ProbeAsync(method, Fill(endpoint), token, contentType, body);
                if (!codes.Contains(status))
                {
                    undocumented.Add($"{method} {path} answered {status} ({(token is null ? "no credential" : "credential")}, {contentType}); listed: {string.Join(",", codes)}");
                }

                if (status == "415" && operation["requestBody"] is null)
                {
                    undocumented.Add($"{method} {path} reads a body (415 for {contentType}) but describes none");
                }
            }
        }

        Assert.True(undocumented.Count == 0, string.Join("\n", undocumented));
    }

    [Fact]
    public async Task SuccessfulCalls_AnswerTheDocumentedCodes()
    {
        using var integration = Client(_integrationToken);
        using var admin = Client(AdminToken);

        await AssertDocumentedAsync("POST", "/v2/messages", integration.PostAsJsonAsync("/v2/messages", new { to = Phone, body = "hi" }));
        await AssertDocumentedAsync("GET", "/v2/conversations", integration.GetAsync("/v2/conversations"));
        await AssertDocumentedAsync("GET", "/v2/handles/{handle}", integration.GetAsync($"/v2/handles/{Uri.EscapeDataString(Phone)}"));
        using var created = await integration.PostAsJsonAsync("/v2/webhooks", new { url = "http://127.0.0.1:9/hook", events = WebhookEvents });
        var webhookId = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        AssertDocumented("POST", "/v2/webhooks", created);
        await AssertDocumentedAsync("GET", "/v2/webhooks/{id}/deliveries", integration.GetAsync($"/v2/webhooks/{webhookId}/deliveries"));
        await AssertDocumentedAsync("DELETE", "/v2/webhooks/{id}", integration.DeleteAsync($"/v2/webhooks/{webhookId}"));
        await AssertDocumentedAsync("GET", "/api/admin/integrations", admin.GetAsync("/api/admin/integrations"));
        await AssertDocumentedAsync("POST", "/api/admin/integrations/{id}/api-keys", admin.PostAsync($"/api/admin/integrations/{_integrationId}/api-keys", null));
        await AssertDocumentedAsync("POST", "/api/admin/integrations/{id}/resume", admin.PostAsync($"/api/admin/integrations/{_integrationId}/resume", null));
        await AssertDocumentedAsync("GET", "/api/simulator/conversations/{handle}/events", _host.Client.GetAsync($"/api/simulator/conversations/{Uri.EscapeDataString(Phone)}/events"));
        await AssertDocumentedAsync("POST", "/api/simulator/messages", _host.Client.PostAsJsonAsync("/api/simulator/messages", new { from = Phone, text = "hello" }));
        await AssertDocumentedAsync("GET", "/healthz", _host.Client.GetAsync("/healthz"));
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private IEnumerable<(RouteEndpoint Endpoint, string Path, string Method, JsonObject Operation)> Described()
    {
        foreach (var endpoint in Endpoints())
        {
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            {
                continue;
            }

            var path = PathOf(endpoint);
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (Operation(path, method) is { } operation)
                {
                    yield return (endpoint, path, method, operation);
                }
            }
        }
    }

    private static string PathOf(RouteEndpoint endpoint)
    {
        var raw = endpoint.RoutePattern.RawText ?? string.Empty;
        return "/" + raw.Trim('/');
    }

    private JsonObject? Operation(string path, string method) => _paths[path]?[method.ToLowerInvariant()] as JsonObject;

    private static HashSet<string> Codes(JsonObject operation) =>
        operation["responses"] is JsonObject responses ? [.. responses.Select(response => response.Key)] : [];

    private string? CredentialFor(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy).FirstOrDefault(policy => policy is not null) switch
        {
            null => null,
            "TapbackAdmin" => AdminToken,
            _ => _integrationToken,
        };

    /// <summary>The route with ids that do not exist (the paired phone where a phone is asked for).</summary>
    private static string Fill(RouteEndpoint endpoint)
    {
        var path = PathOf(endpoint);
        foreach (var parameter in endpoint.RoutePattern.Parameters)
        {
            var value = parameter.Name == "phone" ? Uri.EscapeDataString(Phone) : "no_such_id";
            path = path.Replace("{" + parameter.Name + "}", value, StringComparison.Ordinal);
        }

        return path;
    }

    private async Task<string> ProbeAsync(string method, string path, string? token, string contentType, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        // Headers only: a stream's status is known before its events.
        using var response = await _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = _host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task AssertDocumentedAsync(string method, string path, Task<HttpResponseMessage> call)
    {
        using var response = await call;
        AssertDocumented(method, path, response);
    }

    private void AssertDocumented(string method, string path, HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}");
        var operation = Operation(path, method);
        Assert.NotNull(operation);
        Assert.Contains(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), Codes(operation));
    }
}
