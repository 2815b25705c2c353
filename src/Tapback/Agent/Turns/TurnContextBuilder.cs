using Microsoft.Extensions.AI;
using Tapback.Agent.Memory;
using Tapback.Agent.Sessions;
using Tapback.Agent.Settings;
using Tapback.Agent.Tools;
using Tapback.Gateway.Conversations;

namespace Tapback.Agent.Turns;

/// <summary>What the model reads for one turn: the session's history, or a paused turn's transcript with newer messages.</summary>
/// <param name="Memory">What the session's memory read, for the summarizer after the turn; null for a resumed turn.</param>
internal sealed record TurnContext(List<ChatMessage> Prompt, string? Summary, Session? Session, string? SessionId, MemoryRead? Memory = null);

/// <summary>Builds a turn's <see cref="TurnContext"/>: a new turn from its session's memory, a resumed one from where it paused.</summary>
internal sealed class TurnContextBuilder(
    SessionStore sessions,
    PromptBuilder prompts,
    SessionMemory memory,
    MessageRenderer renderer,
    AgentSettingsResolver settings)
{
    public async Task<TurnContext> BuildAsync(Conversation conversation, TurnInputs inputs, WaitingTurn? resume, TurnReads reads, CancellationToken cancellationToken)
    {
        if (resume is not null)
        {
            // The model picks up where it paused, with the person's decision; newer messages follow it.
            var prompt = PauseResolver.ResumeMessages(resume);
            if (inputs.Run.Count > 0)
            {
                prompt.AddRange(PromptBuilder.History(inputs.Run, await renderer.RenderAsync(inputs.Run, reads, cancellationToken), conversation.IsGroup));
            }

            var sessionId = resume.Turn.SessionId;
            var summary = sessionId is null ? null : await memory.SummaryAsync(sessionId, cancellationToken);
            return new TurnContext(prompt, summary, Session: null, sessionId);
        }

        var run = inputs.Run;

        // The last activity decides only whether a session timed out: without a timeout (the default) it is not read.
        var timeout = settings.For(conversation).SessionTimeout;
        var lastActivity = timeout is null
            ? null
            : await reads.ReadAsync((connection, transaction) => ConversationReader.LastMessageAtAsync(connection, transaction, conversation.Id, run[0].Seq, cancellationToken), cancellationToken);
        var session = await sessions.CurrentAsync(conversation.Id, run[0].Seq, lastActivity, timeout, reads, inputs.Start?.OpenSessionIfCurrent(reads), cancellationToken);
        var context = await memory.BuildAsync(session, run[^1].Seq, TokenEstimator.Estimate(prompts.Instructions(conversation: conversation)), reads, conversation.IsGroup, inputs.Start, cancellationToken);
        return new TurnContext([.. context.Messages], context.Summary, session, session.Id, context.Memory);
    }
}
