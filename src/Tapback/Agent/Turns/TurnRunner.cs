using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Tapback.Agent.Memory;
using Tapback.Agent.Sessions;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Outbox;
using Tapback.Gateway.Transports;
using Tapback.Messaging;

namespace Tapback.Agent.Turns;

/// <summary>
/// One turn of the built-in agent over a conversation's pending events: mark read, show typing, ask
/// the model with the session's recent history, and write the answer as bubbles. The answer and the
/// completion of the queue rows are one transaction, so a crash before it reruns the turn and a crash
/// after it leaves the outbox to finish; the outbox keys make either path send everything once.
/// </summary>
internal sealed partial class TurnRunner(
    ConversationReader conversations,
    SessionStore sessions,
    OutboxWriter outbox,
    AgentQueueStore queue,
    TransportRegistry transports,
    ActiveChatModel activeModel,
    PromptBuilder prompts,
    SessionMemory memory,
    GroupAddressing addressing,
    Summarizer summarizer,
    AgentErrorLog errors,
    ReplyPlanner planner,
    IOptions<AgentOptions> options,
    TimeProvider time,
    ILogger<TurnRunner> logger)
{
    public const string ModelTroubleReply = "Sorry, something went wrong on my side and I couldn't answer. Could you send that again in a minute?";

    public async Task RunAsync(AgentQueueBatch batch, CancellationToken cancellationToken)
    {
        var conversation = await conversations.FindAsync(batch.ConversationId, cancellationToken)
            ?? throw new InvalidOperationException($"The queue names conversation '{batch.ConversationId}', which does not exist.");
        var capabilities = transports.TryGet(conversation.Transport, out var transport) ? transport.Capabilities : new TransportCapabilities();

        // Several messages in a row are answered together; a command ends the run before it.
        var run = new List<StoredMessage>();
        var seqs = new List<long>();
        foreach (var item in batch.Items)
        {
            seqs.Add(item.Seq);
            if (item.Kind != AgentQueueKinds.Message || item.MessageId is null)
            {
                continue;
            }

            var message = await conversations.FindMessageAsync(item.MessageId, cancellationToken);
            if (message is null)
            {
                continue;
            }

            if (AgentCommands.IsClear(message.Body))
            {
                if (run.Count > 0)
                {
                    await AnswerAsync(conversation, capabilities, run, seqs[..^1], cancellationToken);
                }

                await ClearAsync(conversation, capabilities, message, [item.Seq], cancellationToken);
                run.Clear();
                seqs.Clear();
                continue;
            }

            run.Add(message);
        }

        if (run.Count > 0)
        {
            await AnswerAsync(conversation, capabilities, run, seqs, cancellationToken);
        }
        else if (seqs.Count > 0)
        {
            // Only events the agent does not act on yet (tapbacks): acknowledge them.
            await queue.CompleteAsync(seqs, cancellationToken);
        }
    }

    private async Task AnswerAsync(Conversation conversation, TransportCapabilities capabilities, List<StoredMessage> run, List<long> seqs, CancellationToken cancellationToken)
    {
        if (conversation.IsGroup && !await addressing.IsAddressedAsync(run, cancellationToken))
        {
            // Stored, and part of the history the next time someone addresses the agent.
            await queue.CompleteAsync(seqs, cancellationToken);
            return;
        }

        var turnKey = $"turn:{seqs[0]}";
        var last = run[^1];
        var opening = new List<AgentAction>();
        if (capabilities.ReadReceipts)
        {
            opening.Add(AgentAction.MarkRead($"{turnKey}:read", last.Id));
        }

        if (capabilities.Typing)
        {
            opening.Add(AgentAction.Typing($"{turnKey}:typing", on: true));
        }

        if (opening.Count > 0)
        {
            await outbox.WriteAsync(conversation.Id, opening, cancellationToken: cancellationToken);
        }

        var lastActivity = await conversations.LastMessageAtAsync(conversation.Id, run[0].Seq, cancellationToken);
        var session = await sessions.CurrentAsync(conversation.Id, run[0].Seq, lastActivity, options.Value.SessionTimeout, cancellationToken);
        var prompt = await memory.BuildAsync(session, last.Seq, TokenEstimator.Estimate(prompts.Instructions(conversation: conversation)), conversation.IsGroup, cancellationToken);
        var answer = await AskModelAsync(prompt, conversation, session, capabilities, turnKey, cancellationToken);

        var reply = planner.Plan(turnKey, answer, options.Value.MaxBubbleLength, capabilities.Typing);
        await outbox.WriteAsync(conversation.Id, reply, seqs, cancellationToken);
        var bubbles = reply.Count(action => action.Kind == AgentActionKind.Message);
        LogAnswered(logger, conversation.Id, run.Count, bubbles);
        await summarizer.AfterTurnAsync(session, last.Seq, cancellationToken);
    }

    private async Task<string> AskModelAsync(PromptContext prompt, Conversation conversation, Session session, TransportCapabilities capabilities, string turnKey, CancellationToken cancellationToken)
    {
        var model = await activeModel.GetAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ModelTimeout);
        using var keepTyping = StartTypingKeepAlive(conversation, capabilities, turnKey, timeout.Token);
        try
        {
            var response = await model.Client.GetResponseAsync(
                prompt.Messages,
                new ChatOptions { Instructions = prompts.Instructions(prompt.Summary, conversation), MaxOutputTokens = options.Value.MaxOutputTokens },
                timeout.Token);
            var text = response.Text;
            LogModelAnswered(logger, conversation.Id, model.Provider, text.Length);
            return string.IsNullOrWhiteSpace(text) ? ModelTroubleReply : text;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The user hears that something went wrong instead of silence; the message stays stored.
            LogModelFailed(logger, conversation.Id, model.Provider, exception);
            var kind = exception is OperationCanceledException ? "model_timeout" : "model_error";
            await errors.RecordAsync(conversation.Id, session.Id, kind, $"{model.Provider}: {exception.Message}", CancellationToken.None);
            return ModelTroubleReply;
        }
    }

    private async Task ClearAsync(Conversation conversation, TransportCapabilities capabilities, StoredMessage command, IReadOnlyList<long> seqs, CancellationToken cancellationToken)
    {
        await sessions.StartNewAsync(conversation.Id, command.Seq, "cleared", cancellationToken);
        var turnKey = $"turn:{seqs[0]}";
        var actions = new List<AgentAction>();
        if (capabilities.ReadReceipts)
        {
            actions.Add(AgentAction.MarkRead($"{turnKey}:read", command.Id));
        }

        actions.Add(AgentAction.Message($"{turnKey}:bubble:0", AgentCommands.ClearedReply));
        await outbox.WriteAsync(conversation.Id, actions, seqs, cancellationToken);
        LogCleared(logger, conversation.Id);
    }

    /// <summary>On transports whose indicator fades, re-sends "typing" while the model thinks.</summary>
    private PeriodicTimer? StartTypingKeepAlive(Conversation conversation, TransportCapabilities capabilities, string turnKey, CancellationToken cancellationToken)
    {
        if (!capabilities.Typing || capabilities.TypingRefreshInterval is not { } interval)
        {
            return null;
        }

        var timer = new PeriodicTimer(interval, time);
        _ = KeepTypingAsync(timer, conversation.Id, turnKey, cancellationToken);
        return timer;
    }

    private async Task KeepTypingAsync(PeriodicTimer timer, string conversationId, string turnKey, CancellationToken cancellationToken)
    {
        try
        {
            for (var tick = 1; await timer.WaitForNextTickAsync(cancellationToken); tick++)
            {
                await outbox.WriteAsync(conversationId, [AgentAction.Typing($"{turnKey}:typing:alive:{tick}", on: true)], cancellationToken: cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered {MessageCount} message(s) in {ConversationId} with {BubbleCount} bubble(s).")]
    private static partial void LogAnswered(ILogger logger, string conversationId, int messageCount, int bubbleCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The {Provider} model answered in {ConversationId} with {Length} characters.")]
    private static partial void LogModelAnswered(ILogger logger, string conversationId, string provider, int length);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Provider} model failed a turn in {ConversationId}; the user was told to try again.")]
    private static partial void LogModelFailed(ILogger logger, string conversationId, string provider, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started a new session in {ConversationId} after /clear.")]
    private static partial void LogCleared(ILogger logger, string conversationId);
}
