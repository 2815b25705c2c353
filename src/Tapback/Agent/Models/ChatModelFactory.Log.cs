namespace Tapback.Agent.Models;

internal sealed partial class ChatModelFactory
{
    [LoggerMessage(Level = LogLevel.Information, Message = "The agent's model is {Description}, chosen because {Reason}.")]
    private static partial void LogModelChosen(ILogger logger, string description, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No model is configured: Tapback:Agent:Provider, ANTHROPIC_API_KEY and OPENAI_API_KEY are unset and no Ollama offered a model at {OllamaHost} ({Failure}). The agent runs the offline model, whose replies say how to configure one.")]
    private static partial void LogNoModelConfigured(ILogger logger, string ollamaHost, string failure);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Tapback:Agent:ApiKey is set without Tapback:Agent:Provider, so it is ignored. Set Tapback:Agent:Provider to the provider the key belongs to.")]
    private static partial void LogApiKeyWithoutProvider(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probed Ollama at {OllamaHost}: {ModelCount} models listed; failure: {Failure}.")]
    private static partial void LogOllamaProbed(ILogger logger, string ollamaHost, int modelCount, string failure);
}
