using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Security;

/// <summary>
/// Values that once ended in a 500 (a null in an array, a media type with a line break, a lone
/// surrogate, an expiry past year 9999) each get a 4xx that says what is wrong.
/// </summary>
public sealed class HostileValueTests : IAsyncLifetime
{
    private const string Phone = "+15550104401";
    private TapbackTestHost _host = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync();
        _token = await GatewayScript.PairAsync(_host, Phone);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("""{"from":"+15550104402","text":"hi","attachments":[null]}""", "attachments[0]")]
    [InlineData("""{"from":"+15550104402","text":"hi","attachments":[{"fileName":"a.txt","contentType":"text/plain","base64":"aGk="},null]}""", "attachments[1]")]
    public async Task SimulatorMessage_NullInAttachments_400NamesTheElement(string body, string field)
    {
        using var response = await PostJsonAsync(_host.Client, "/api/simulator/messages", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // PostgreSQL refuses a NUL in text (22021), and the inbox writes the chat's name beside the phone's
    // line: the refusal must be the one reported (a 400), not the 25P02 the line's insert then hit.
    [Fact]
    public async Task SimulatorMessage_NulInGroupName_NeverA5xxAndOnPostgresA400SayingWhy()
    {
        using var response = await PostJsonAsync(
            _host.Client, "/api/simulator/messages", """{"from":"+15550104406","text":"hi","group":{"id":"nul-name","name":"a\u0000b"}}""");

        if (TestStore.IsPostgres)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("NUL", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM messages WHERE sender = '+15550104406'"));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM conversations WHERE chat_id LIKE '%nul-name%'"));
        }
        else
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }

    [Fact]
    public async Task RestSend_NullInAttachments_400NamesTheElement()
    {
        using var client = ClientWithToken();
        using var response = await PostJsonAsync(client, "/v2/messages", $$"""{"to":"{{Phone}}","body":"hi","attachments":[null]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("attachments[0]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain\r\nX-Injected: 1")]
    [InlineData("text/plain\n")]
    [InlineData("image/jpég")]
    [InlineData("image/jpeg; name=\"a\nb\"")]
    [InlineData("image")]
    [InlineData("image/")]
    [InlineData("/jpeg")]
    [InlineData("image/jp eg")]
    public async Task SimulatorMessage_ContentTypeNotAMimeType_400AndNothingStored(string contentType)
    {
        using var response = await SendFileAsync("+15550104403", contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("attachments[0].contentType", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await _host.EventsAsync("+15550104403"));
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("text/plain; name=\"a b.txt\"")]
    public async Task SimulatorMessage_ValidMimeType_AcceptedAndDownloadable(string contentType)
    {
        using var response = await SendFileAsync("+15550104404", contentType);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = await _host.Client.GetFromJsonAsync<JsonArray>("/api/simulator/conversations/%2B15550104404/events");
        var url = (string)sent!.Last()!["attachments"]![0]!["url"]!;
        using var download = await _host.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("hi", await download.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StoredAttachment_ContentTypeFromBeforeTheCheck_ServedAsOctetStream()
    {
        using var sent = await SendFileAsync("+15550104405", "text/plain");
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var events = await _host.Client.GetFromJsonAsync<JsonArray>("/api/simulator/conversations/%2B15550104405/events");
        var url = (string)events!.Last()!["attachments"]![0]!["url"]!;
        await using (var connection = await _host.Services.GetRequiredService<Database>().OpenAsync())
        {
            // What an older Tapback stored without a check.
            await connection.ExecuteAsync("UPDATE attachments SET content_type = @type WHERE id = @id", new { type = "text/plain\r\nX-Injected: 1", id = url.Split('/').Last() });
        }

        using var download = await _host.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task McpInitialize_LoneSurrogate_400()
    {
        using var client = ClientWithToken();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json, text/event-stream");
        const string Body = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"\ud800bad","version":"1"}}}""";
        using var response = await PostJsonAsync(client, "/mcp", Body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("surrogate", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("GET", "/files/f1?expires=253402300800&sig=x")]
    [InlineData("GET", "/files/f1?expires=99999999999999999&sig=x")]
    [InlineData("PUT", "/uploads/u1?expires=253402300800&sig=x")]
    public async Task SignedFileUrl_ExpiresPastYear9999_400(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "PUT")
        {
            request.Content = new ByteArrayContent("hi"u8.ToArray());
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        }

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expires", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private HttpClient ClientWithToken()
    {
        var client = new HttpClient { BaseAddress = _host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return client;
    }

    private Task<HttpResponseMessage> SendFileAsync(string from, string contentType)
    {
        var body = new JsonObject
        {
            ["from"] = from,
            ["text"] = "a file",
            ["attachments"] = new JsonArray(new JsonObject { ["fileName"] = "a.txt", ["contentType"] = contentType, ["base64"] = "aGk=" }),
        };
        return PostJsonAsync(_host.Client, "/api/simulator/messages", body.ToJsonString());
    }

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
