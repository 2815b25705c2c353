using Microsoft.Extensions.Options;

namespace Tapback.Agent.Models;

/// <summary>
/// Picks the agent's language model at start-up: what <c>Tapback:Agent:Provider</c> names; else
/// ANTHROPIC_API_KEY; else OPENAI_API_KEY; else a local Ollama that lists a model; else the offline
/// model, so a fresh install still answers, and says how to configure a real one.
/// </summary>
internal sealed partial class ChatModelFactory(
    IOptions<AgentOptions> options,
    IConfiguration configuration,
    IHttpClientFactory httpClientFactory,
    ILogger<ChatModelFactory> logger)
{
    public const string DefaultAnthropicModel = "claude-sonnet-4-5";
    public const string DefaultOpenAIModel = "gpt-4.1-mini";

    private readonly AgentOptions _options = options.Value;

    private string? Model => NonBlank(_options.Model);

    public async Task<ChatModel> CreateAsync(CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(_options.Provider))
        {
            var configured = await CreateConfiguredAsync(_options.Provider.Trim(), cancellationToken);
            LogModelChosen(logger, configured.Description, $"{ModelKeys.Provider} is set");
            return configured;
        }

        if (!string.IsNullOrWhiteSpace(_options.ApiKey))
        {
            // A key alone does not say whose key it is; guessing would send it to the wrong company.
            LogApiKeyWithoutProvider(logger);
        }

        return await DetectAsync(cancellationToken);
    }

    private async Task<ChatModel> CreateConfiguredAsync(string provider, CancellationToken cancellationToken) =>
        provider.ToLowerInvariant() switch
        {
            ModelProviders.Anthropic => CreateAnthropic(RequireKey(provider, ModelKeys.AnthropicApiKey)),
            ModelProviders.OpenAI => CreateOpenAI(RequireKey(provider, ModelKeys.OpenAIApiKey)),
            ModelProviders.OpenAICompatible => CreateOpenAICompatible(),
            ModelProviders.Ollama => await CreateConfiguredOllamaAsync(cancellationToken),
            ModelProviders.Offline => CreateOffline(),
            _ => throw new InvalidOperationException(
                $"{ModelKeys.Provider} is '{provider}', which Tapback does not know. Set it to one of " +
                $"{string.Join(", ", ModelProviders.All)}, or leave it empty to pick one from the environment."),
        };

    private async Task<ChatModel> DetectAsync(CancellationToken cancellationToken)
    {
        if (Configured(ModelKeys.AnthropicApiKey) is { } anthropicKey)
        {
            return Chosen(CreateAnthropic(anthropicKey), $"{ModelKeys.AnthropicApiKey} is set");
        }

        if (Configured(ModelKeys.OpenAIApiKey) is { } openAIKey)
        {
            return Chosen(CreateOpenAI(openAIKey), $"{ModelKeys.OpenAIApiKey} is set");
        }

        var host = OllamaHost.Parse(Configured(ModelKeys.OllamaHost));
        var (models, failure) = await ProbeOllamaAsync(host, cancellationToken);
        if (models is [var first, ..])
        {
            return Chosen(CreateOllama(host, Model ?? first), $"an Ollama answered at {BaseUrls.Display(host)}");
        }

        LogNoModelConfigured(logger, BaseUrls.Display(host), failure ?? "it lists no models");
        return CreateOffline();
    }

    private async Task<ChatModel> CreateConfiguredOllamaAsync(CancellationToken cancellationToken)
    {
        var host = _options.BaseUrl is { } baseUrl ? BaseUrls.WithoutV1(baseUrl) : OllamaHost.Parse(Configured(ModelKeys.OllamaHost));
        if (Model is { } model)
        {
            // Named outright: no probe, so the gateway starts even while Ollama is still starting.
            return CreateOllama(host, model);
        }

        var (models, failure) = await ProbeOllamaAsync(host, cancellationToken);
        return models is [var first, ..]
            ? CreateOllama(host, first)
            : throw new InvalidOperationException(
                $"{ModelKeys.Provider} is 'ollama' but the Ollama at {BaseUrls.Display(host)} offered no model " +
                $"({failure ?? "it lists none; run ollama pull <model>"}). Set {ModelKeys.Model}, or " +
                $"{ModelKeys.OllamaHost} / {ModelKeys.BaseUrl} to where Ollama runs.");
    }

    private ChatModel CreateOpenAICompatible()
    {
        var endpoint = _options.BaseUrl ?? throw new InvalidOperationException(
            $"{ModelKeys.Provider} is 'openai-compatible' but {ModelKeys.BaseUrl} is not set. Set it to the " +
            "server's OpenAI endpoint, usually ending in /v1 (for example http://127.0.0.1:8000/v1).");
        var model = Model ?? throw new InvalidOperationException(
            $"{ModelKeys.Provider} is 'openai-compatible' but {ModelKeys.Model} is not set. Set it to a model the server at {BaseUrls.Display(endpoint)} serves.");

        // Only Tapback:Agent:ApiKey: OPENAI_API_KEY belongs to OpenAI and must not go to another server.
        return CreateOpenAI(ModelProviders.OpenAICompatible, NonBlank(_options.ApiKey) ?? NoKey, endpoint, model);
    }

    private async Task<(IReadOnlyList<string>? Models, string? Failure)> ProbeOllamaAsync(Uri host, CancellationToken cancellationToken)
    {
        var http = httpClientFactory.CreateClient(HttpClientNames.OllamaProbe);
        var result = await OllamaProbe.ListModelsAsync(http, host, cancellationToken);
        var display = BaseUrls.Display(host);
        LogOllamaProbed(logger, display, result.Models?.Count ?? 0, result.Failure ?? "none");
        return result;
    }

    private string RequireKey(string provider, string environmentVariable) =>
        NonBlank(_options.ApiKey) ?? Configured(environmentVariable) ?? throw new InvalidOperationException(
            $"{ModelKeys.Provider} is '{provider}' but no API key is set. Set {ModelKeys.ApiKey} or the {environmentVariable} environment variable.");

    private string? Configured(string key) => NonBlank(configuration[key]);

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private ChatModel Chosen(ChatModel model, string reason)
    {
        LogModelChosen(logger, model.Description, reason);
        return model;
    }
}
