using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Tapback.Agent.Sessions;
using Tapback.Agent.Turns;
using Tapback.Gateway.Conversations;

namespace Tapback.Agent.Memory;

/// <summary>
/// Folds older turns into the session's rolling summary once the session is long, and again every
/// few turns after that. It runs after a turn's answer is written, so it never delays a reply, and a
/// failure only means the next turn tries again.
/// </summary>
internal sealed partial class Summarizer(
    ConversationReader conversations,
    SummaryStore summaries,
    MessageRenderer renderer,
    ActiveChatModel activeModel,
    IOptions<AgentOptions> options,
    ILogger<Summarizer> logger)
{
    public const string Instructions =
        """
        You keep the memory of a text conversation between a person and an assistant. Write a concise summary
        of the conversation so far for the assistant to rely on later: facts about the person, what they asked
        for, decisions, promises, open questions, names, dates and numbers. Plain sentences, no markdown, at most
        250 words. Merge the previous summary with the new messages; drop small talk.
        """;

    private const int MaxCharactersPerMessage = 1_000;
    private const int MaxFoldedMessages = 1_000;

    /// <summary>
    /// After a turn: <paramref name="turns"/> is the session's turn count the answer's write left
    /// (<see cref="SummaryStore.CountTurnAsync"/>), <paramref name="memory"/> what the turn's context read.
    /// Most turns decide from those alone, without a read; the two tests are independent, so the one
    /// that needs no read goes first.
    /// </summary>
    public async Task AfterTurnAsync(Session session, long uptoSeq, long turns, MemoryRead memory, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var previous = memory.Latest;
        if (previous is not null && turns - previous.TurnCount < settings.SummaryEveryTurns)
        {
            return;
        }

        var total = memory.SessionMessages
            ?? await conversations.CountMessagesAsync(session.ConversationId, session.StartsAfterSeq, uptoSeq, cancellationToken);
        if (total <= settings.SummarizeAfterMessages)
        {
            return;
        }

        // Everything before the verbatim window is folded: from the previous summary's end to there.
        var window = await conversations.RecentMessagesAsync(session.ConversationId, session.StartsAfterSeq, uptoSeq, settings.HistoryMessages, cancellationToken);
        var foldUpto = window[0].Seq - 1;
        var foldFrom = previous?.UptoSeq ?? session.StartsAfterSeq;
        if (foldUpto <= foldFrom)
        {
            return;
        }

        var folded = await conversations.MessagesBetweenAsync(session.ConversationId, foldFrom, foldUpto, MaxFoldedMessages, cancellationToken);
        try
        {
            // The text the model saw of each message: its body, photo names, voice-note transcripts.
            var contents = await renderer.RenderAsync(folded, cancellationToken);
            var model = await activeModel.GetAsync();
            var response = await model.Client.GetResponseAsync(
                [new ChatMessage(ChatRole.User, Transcript(previous?.Body, folded, contents))],
                new ChatOptions { Instructions = Instructions, MaxOutputTokens = 600 },
                cancellationToken);
            if (!string.IsNullOrWhiteSpace(response.Text))
            {
                await summaries.AddAsync(session.Id, session.ConversationId, folded[^1].Seq, turns, response.Text.Trim(), cancellationToken);
                LogSummarized(logger, session.Id, folded.Count);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSummaryFailed(logger, session.Id, exception);
        }
    }

    private static string Transcript(string? previous, IReadOnlyList<StoredMessage> messages, IReadOnlyDictionary<string, IList<AIContent>> contents)
    {
        var text = new StringBuilder();
        text.AppendLine(previous is null ? "There is no summary yet." : $"The summary so far:\n{previous}").AppendLine();
        text.AppendLine("The messages to fold in, oldest first:");
        foreach (var message in messages)
        {
            var said = string.Join(' ', contents[message.Id].OfType<TextContent>().Select(part => part.Text));
            if (said.Length == 0)
            {
                // An unsent message (or nothing the model could read): not part of the memory.
                continue;
            }

            var body = said.Length > MaxCharactersPerMessage ? said[..MaxCharactersPerMessage] + "…" : said;
            text.AppendLine(CultureInfo.InvariantCulture, $"{(message.IsInbound ? "Person" : "Assistant")}: {body}");
        }

        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Folded {Count} messages into the rolling summary of session {SessionId}.")]
    private static partial void LogSummarized(ILogger logger, string sessionId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The rolling summary of session {SessionId} could not be regenerated; the next turn tries again.")]
    private static partial void LogSummaryFailed(ILogger logger, string sessionId, Exception exception);
}
