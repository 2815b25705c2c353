using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Tapback.Tests.Infrastructure;

/// <summary>The fakes themselves, over raw HTTP: what other tests rely on them to do.</summary>
public sealed class FakeChatServerTests : IAsyncLifetime, IDisposable
{
    private const string Body = """{"model":"m","max_tokens":64,"system":"sys","messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}""";

    private readonly FakeAnthropicServer _anthropic = new();
    private readonly HttpClient _http = new();

    public Task InitializeAsync() => _anthropic.StartAsync();

    [Fact]
    public async Task Messages_XApiKeyHeader_IsAcceptedAndParsed()
    {
        using var response = await SendAsync(Body, request => request.Headers.Add("x-api-key", "test-key"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(_anthropic.Requests);
        Assert.Equal(("x-api-key", "sys", 64), (received.AuthScheme, received.System, received.MaxTokens));
        Assert.Equal([new FakeChatMessage("user", "hi")], received.Messages);
    }

    [Fact]
    public async Task Messages_NoKey_Answers401WithDocumentedError()
    {
        using var response = await SendAsync(Body, _ => { });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"authentication_error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_StreamTrue_SendsDocumentedEventSequence()
    {
        using var response = await SendAsync(Body.Replace("\"model\"", "\"stream\":true,\"model\"", StringComparison.Ordinal), Bearer);

        var events = Regex.Matches(await response.Content.ReadAsStringAsync(), "^event: (.+)$", RegexOptions.Multiline)
            .Select(match => match.Groups[1].Value)
            .Where(name => name != "ping" && name != "content_block_delta")
            .ToList();
        Assert.Equal(["message_start", "content_block_start", "content_block_stop", "message_delta", "message_stop"], events);
    }

    [Fact]
    public async Task Hold_ClientGivesUp_ServerStillAnswersTheNextRequestAfterRelease()
    {
        _anthropic.Hold();
        using (var cancel = new CancellationTokenSource())
        {
            var abandoned = SendAsync(Body, Bearer, cancel.Token);
            await _anthropic.WaitForRequestAsync(1).WaitAsync(TimeSpan.FromSeconds(10));
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        }

        _anthropic.Release();
        using var response = await SendAsync(Body, Bearer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _anthropic.RequestCount);
    }

    [Fact]
    public async Task WaitForRequestAsync_CountNotYetReached_CompletesWhenItArrives()
    {
        var second = _anthropic.WaitForRequestAsync(2);
        using (await SendAsync(Body, Bearer))
        {
            Assert.False(second.IsCompleted);
        }

        using (await SendAsync(Body, Bearer))
        {
            await second.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private static void Bearer(HttpRequestMessage request) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "test-key");

    private async Task<HttpResponseMessage> SendAsync(string json, Action<HttpRequestMessage> authorize, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_anthropic.BaseUrl, "v1/messages"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        authorize(request);
        return await _http.SendAsync(request, cancellationToken);
    }

    public async Task DisposeAsync() => await _anthropic.DisposeAsync();

    public void Dispose() => _http.Dispose();
}
