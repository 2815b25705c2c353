using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Tapback.Agent.Sessions;
using Tapback.Agent.Turns;
using Tapback.Gateway.Conversations;

namespace Tapback.Agent.Memory;

/// <summary>
/// The session's memory as the model sees it, kept cheap however long the conversation grows: the
/// last messages verbatim and, once the session is long, a rolling summary of everything before them.
/// Messages after the summary's end stay verbatim until the next regeneration folds them in, so no
/// message falls between the two; the token budget then trims the oldest verbatim ones if needed.
/// </summary>
internal sealed class SessionMemory(
    SummaryStore summaries,
    MessageRenderer renderer,
    IOptions<AgentOptions> options)
{
    // Bounds the verbatim part between two regenerations (at most SummaryEveryTurns turns of messages).
    private const int MaxVerbatimMessages = 400;

    /// <param name="start">The turn's first read, whose latest summary of the open session is used while the turn wrote nothing since.</param>
    public async Task<PromptContext> BuildAsync(
        Session session, long uptoSeq, int instructionTokens, TurnReads reads, bool group = false, TurnStart? start = null, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var (connection, transaction) = await reads.OpenAsync(cancellationToken);
        var summary = start is not null && start.TryLatestSummary(reads, session, out var known)
            ? known
            : await SummaryStore.LatestAsync(connection, transaction, session.Id, cancellationToken);
        var messages = summary is null
            ? await ConversationReader.RecentMessagesAsync(connection, transaction, session.ConversationId, session.StartsAfterSeq, uptoSeq, settings.HistoryMessages, cancellationToken)
            : await ConversationReader.RecentMessagesAsync(connection, transaction, session.ConversationId, summary.UptoSeq, uptoSeq, MaxVerbatimMessages, cancellationToken);
        var contents = await renderer.RenderAsync(messages, reads, cancellationToken);
        var chat = PromptBuilder.History(messages, contents, group).ToList();

        var budget = settings.PromptTokenBudget - instructionTokens - TokenEstimator.Estimate(summary?.Body);
        TrimToBudget(chat, budget);

        // Without a summary the window starts at the session's start: when it is not full it holds every
        // message. When it is full, the summarizer needs the count after the turn (is a first summary
        // due?): counted here, in the snapshot whose index pages the history just read, rather than on a
        // pooled connection of its own after the answer's write, whose read would start with an empty cache.
        var counted = summary is not null ? (long?)null
            : messages.Count < settings.HistoryMessages ? messages.Count
            : await ConversationReader.CountMessagesAsync(connection, transaction, session.ConversationId, session.StartsAfterSeq, uptoSeq, cancellationToken);
        return new PromptContext(summary?.Body, chat, new MemoryRead(summary, counted));
    }

    /// <summary>The session's current rolling summary, for a turn that resumes where it paused.</summary>
    public async Task<string?> SummaryAsync(string sessionId, CancellationToken cancellationToken = default) =>
        (await summaries.LatestAsync(sessionId, cancellationToken))?.Body;

    /// <summary>Drops the oldest messages until the rest fit, always keeping the newest, and opening with the person.</summary>
    private static void TrimToBudget(List<ChatMessage> chat, int budget)
    {
        while (chat.Count > 1 && TokenEstimator.Estimate(chat) > budget)
        {
            chat.RemoveAt(0);
            while (chat.Count > 1 && chat[0].Role != ChatRole.User)
            {
                chat.RemoveAt(0);
            }
        }
    }
}
