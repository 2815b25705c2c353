using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Tapback.Agent.Memory;
using Tapback.Agent.Settings;
using Tapback.Agent.Tools;
using Tapback.Gateway.Conversations;
using Tapback.Messaging;

namespace Tapback.Agent.Turns;

/// <summary>
/// Asks the model for one turn, with its tools and their approvals, under the model timeout and with
/// typing kept alive. A failure becomes <see cref="TurnRunner.ModelTroubleReply"/> and a recorded error.
/// </summary>
internal sealed partial class TurnModelCall(
    ActiveChatModel activeModel,
    PromptBuilder prompts,
    AgentToolbox toolbox,
    AgentSettingsResolver settings,
    AgentErrorLog errors,
    TypingKeepAlive typing,
    IOptions<AgentOptions> options,
    ILogger<TurnModelCall> logger)
{
    public async Task<ToolLoopResult> AskAsync(
        List<ChatMessage> prompt, string? summary, Conversation conversation, string? sessionId, TransportCapabilities capabilities, ToolTurn toolTurn, CancellationToken cancellationToken)
    {
        var model = await activeModel.GetAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ModelTimeout);
        using var keepTyping = typing.Start(conversation, capabilities, toolTurn.TurnKey, timeout.Token);
        try
        {
            var effective = settings.For(conversation);
            var chatOptions = new ChatOptions
            {
                Instructions = prompts.Instructions(summary, conversation, toolTurn.SmsOnly),
                MaxOutputTokens = options.Value.MaxOutputTokens,
                ModelId = effective.ModelId,
                Reasoning = effective.ReasoningEffort is { } effort ? new ReasoningOptions { Effort = effort } : null,
                Tools = await toolbox.ToolsAsync(toolTurn, timeout.Token),
            };
            var response = await toolbox.Client(model.Client, toolTurn).GetResponseAsync(prompt, chatOptions, timeout.Token);
            var result = ToolLoopResult.From(prompt, response);
            LogModelAnswered(logger, conversation.Id, model.Provider, result.Text.Length);
            return result;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The user hears that something went wrong instead of silence; the message stays stored.
            LogModelFailed(logger, conversation.Id, model.Provider, exception);
            var kind = exception is OperationCanceledException ? "model_timeout" : "model_error";
            await errors.RecordAsync(conversation.Id, sessionId, kind, $"{model.Provider}: {exception.Message}", CancellationToken.None);
            return new ToolLoopResult { Text = TurnRunner.ModelTroubleReply, Transcript = prompt };
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The {Provider} model answered in {ConversationId} with {Length} characters.")]
    private static partial void LogModelAnswered(ILogger logger, string conversationId, string provider, int length);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Provider} model failed a turn in {ConversationId}; the user was told to try again.")]
    private static partial void LogModelFailed(ILogger logger, string conversationId, string provider, Exception exception);
}
