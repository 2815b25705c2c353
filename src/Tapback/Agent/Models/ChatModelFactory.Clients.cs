using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Tapback.Agent.Models;

internal sealed partial class ChatModelFactory
{
    private static readonly Uri AnthropicEndpoint = new("https://api.anthropic.com");
    private static readonly Uri OpenAIEndpoint = new("https://api.openai.com/v1");

    // The OpenAI SDK refuses an empty key; servers that need none (Ollama, most local ones) ignore it.
    private const string NoKey = "none";

    private ChatModel CreateAnthropic(string apiKey)
    {
        // The SDK adds /v1/messages itself, so a BaseUrl written with /v1 would double it.
        var endpoint = _options.BaseUrl is { } baseUrl ? BaseUrls.WithoutV1(baseUrl) : AnthropicEndpoint;
        var model = Model ?? DefaultAnthropicModel;
        var client = new AnthropicClient(new ClientOptions
        {
            ApiKey = apiKey,
            BaseUrl = endpoint.AbsoluteUri.TrimEnd('/'),
            HttpClient = CreateHttpClient(HttpClientNames.Anthropic),
            Timeout = _options.ModelTimeout,
        });

        // Anthropic requires max_tokens on every request; the SDK's own default is not ours to pick.
        return Describe(ModelProviders.Anthropic, model, endpoint, client.AsIChatClient(model, _options.MaxOutputTokens));
    }

    private ChatModel CreateOpenAI(string apiKey) =>
        CreateOpenAI(ModelProviders.OpenAI, apiKey, _options.BaseUrl ?? OpenAIEndpoint, Model ?? DefaultOpenAIModel);

    private ChatModel CreateOpenAI(string provider, string apiKey, Uri endpoint, string model)
    {
        var client = new OpenAIClient(new ApiKeyCredential(apiKey), new OpenAIClientOptions
        {
            Endpoint = endpoint,
            Transport = new HttpClientPipelineTransport(CreateHttpClient(HttpClientNames.OpenAI)),
            NetworkTimeout = _options.ModelTimeout,

            // The SDK's own logging layer wraps every call and has no logger here to write to (none is
            // given it): off, as the HttpClient's request logging is (issue 23).
            ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false },
        });
        var chatClient = client.GetChatClient(model).AsIChatClient()
            .AsBuilder()
            .ConfigureOptions(chatOptions => chatOptions.MaxOutputTokens ??= _options.MaxOutputTokens)
            .Build();
        return Describe(provider, model, endpoint, chatClient);
    }

    // Ollama speaks the OpenAI protocol under /v1 of its own address.
    private ChatModel CreateOllama(Uri host, string model) =>
        CreateOpenAI(ModelProviders.Ollama, NonBlank(_options.ApiKey) ?? NoKey, new Uri(host.AbsoluteUri.TrimEnd('/') + "/v1"), model);

    private static ChatModel CreateOffline() => new()
    {
        Client = new OfflineChatClient(),
        Provider = ModelProviders.Offline,
        ModelId = OfflineChatClient.ModelId,
        Description = "offline (no model configured; every reply says how to configure one)",
    };

    private static ChatModel Describe(string provider, string model, Uri endpoint, IChatClient client) => new()
    {
        Client = client,
        Provider = provider,
        ModelId = model,
        Endpoint = BaseUrls.Redact(endpoint),
        Description = $"{provider} {model} via {BaseUrls.Display(endpoint)}",
    };

    private HttpClient CreateHttpClient(string name)
    {
        var http = httpClientFactory.CreateClient(name);

        // The SDK bounds each call with ModelTimeout; HttpClient's 100 s default would cut long answers first.
        http.Timeout = Timeout.InfiniteTimeSpan;
        return http;
    }
}
