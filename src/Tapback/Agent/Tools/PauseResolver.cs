using Microsoft.Extensions.AI;
using Tapback.Agent.Approvals;
using Tapback.Agent.Questions;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Messaging;

namespace Tapback.Agent.Tools;

/// <summary>
/// Applies the person's tapbacks and messages to a conversation's waiting turn, and builds the model
/// messages that resume it. Each decision is recorded before the model runs, keyed by the queue row
/// that made it, so a rerun of the same batch sees it and decides nothing twice.
/// </summary>
internal sealed partial class PauseResolver(
    PausedTurnStore pauses,
    ApprovalStore approvals,
    QuestionStore questions,
    ConversationReader conversations,
    ILogger<PauseResolver> logger)
{
    /// <summary>The waiting turn, with approvals past their time expired first; null when none waits.</summary>
    public async Task<WaitingTurn?> LoadAsync(string conversationId, CancellationToken cancellationToken = default) =>
        await FoundAsync(await pauses.FindWaitingAsync(conversationId, cancellationToken), cancellationToken);

    /// <summary>
    /// The same, looking with the turn's other reads; those are released when a turn waits, since
    /// expiring its approvals is a write the reads after it must see. Nearly every turn finds none.
    /// </summary>
    public async Task<WaitingTurn?> LoadAsync(string conversationId, Turns.TurnReads reads, CancellationToken cancellationToken = default)
    {
        var (connection, transaction) = await reads.OpenAsync(cancellationToken);
        var turn = await PausedTurnStore.FindWaitingAsync(connection, transaction, conversationId, cancellationToken);
        if (turn is not null)
        {
            await reads.ReleaseAsync();
        }

        return await FoundAsync(turn, cancellationToken);
    }

    private async Task<WaitingTurn?> FoundAsync(PausedTurn? turn, CancellationToken cancellationToken)
    {
        if (turn is null)
        {
            return null;
        }

        if (turn.Kind == PausedTurn.ApprovalKind)
        {
            await approvals.ExpireDueAsync(turn.Id, cancellationToken);
            return new WaitingTurn(turn, await approvals.ListAsync(turn.Id, cancellationToken), null);
        }

        return new WaitingTurn(turn, [], await questions.FindAsync(turn.Id, cancellationToken));
    }

    /// <summary>A like or love on an approval's own bubble allows it, a dislike denies it; any other tapback changes nothing.</summary>
    public async Task<WaitingTurn> OnReactionAsync(WaitingTurn waiting, AgentQueueItem item, CancellationToken cancellationToken = default)
    {
        if (!waiting.IsApproval || item.ReactionId is not { } reactionId
            || waiting.Pending.FirstOrDefault(approval => approval.BubbleMessageId == item.MessageId) is not { } approval
            || await conversations.FindReactionAsync(reactionId, cancellationToken) is not { Removed: false } tapback
            || !ReactionTypes.TryParse(tapback.Reaction, out var reaction)
            || reaction is not (ReactionType.Like or ReactionType.Love or ReactionType.Dislike))
        {
            return waiting;
        }

        var allow = reaction != ReactionType.Dislike;
        await DecideAsync(waiting, approval, allow, $"tapback:{reaction.ToWire()}", item.Seq, cancellationToken);
        return await ReloadAsync(waiting, cancellationToken);
    }

    /// <summary>
    /// The first message after a pause answers it: "yes"/"no" decide the oldest pending approval; any
    /// other text denies the pending approvals and is a new message; any reply answers a question.
    /// </summary>
    public async Task<(WaitingTurn Waiting, WaitingTurnOutcome Effect)> OnMessageAsync(
        WaitingTurn waiting, AgentQueueItem item, StoredMessage message, CancellationToken cancellationToken = default)
    {
        if (!waiting.IsApproval)
        {
            if (waiting.Question is not { } question)
            {
                return (waiting, WaitingTurnOutcome.NewMessage);
            }

            if (question.AnswerMessageId == message.Id)
            {
                return (waiting, WaitingTurnOutcome.Answered);
            }

            if (!question.IsPending)
            {
                return (waiting, WaitingTurnOutcome.NewMessage);
            }

            var answer = QuestionAnswers.Match(message.Body, question.Options);
            await questions.AnswerAsync(question.Id, answer, message.Id, cancellationToken);
            LogQuestionAnswered(logger, waiting.Turn.ConversationId, answer.Option ?? 0);
            return (await ReloadAsync(waiting, cancellationToken), WaitingTurnOutcome.Answered);
        }

        // A rerun of this batch: the decision this message made is already recorded.
        if (waiting.Approvals.FirstOrDefault(approval => approval.DecidedBySeq == item.Seq) is { } decided)
        {
            return (waiting, decided.DecidedBy == OtherText ? WaitingTurnOutcome.NewMessage : WaitingTurnOutcome.Answered);
        }

        var pending = waiting.Pending;
        if (pending.Count == 0)
        {
            return (waiting, WaitingTurnOutcome.NewMessage);
        }

        if (ApprovalReplies.TryRead(message.Body, out var allow))
        {
            await DecideAsync(waiting, pending[0], allow, allow ? "text:yes" : "text:no", item.Seq, cancellationToken);
            return (await ReloadAsync(waiting, cancellationToken), WaitingTurnOutcome.Answered);
        }

        foreach (var approval in pending)
        {
            await DecideAsync(waiting, approval, allow: false, OtherText, item.Seq, cancellationToken);
        }

        return (await ReloadAsync(waiting, cancellationToken), WaitingTurnOutcome.NewMessage);
    }

    /// <summary>The stored model messages, then the person's decisions or answer, ready for the model.</summary>
    public static List<ChatMessage> ResumeMessages(WaitingTurn waiting)
    {
        var messages = ModelTranscript.Deserialize(waiting.Turn.ModelMessages);
        if (waiting.IsApproval)
        {
            var responses = new List<AIContent>();
            foreach (var request in messages.SelectMany(message => message.Contents).OfType<ToolApprovalRequestContent>())
            {
                // Calls that came along with a guarded one need no one's say: they are allowed.
                var row = waiting.Approvals.FirstOrDefault(approval => approval.RequestId == request.RequestId);
                responses.Add(row is null
                    ? request.CreateResponse(approved: true)
                    : request.CreateResponse(row.State == ApprovalStates.Approved, Reason(row)));
            }

            messages.Add(new ChatMessage(ChatRole.User, responses));
            return messages;
        }

        var question = waiting.Question!;
        var answered = messages.SelectMany(message => message.Contents).OfType<FunctionResultContent>().Select(result => result.CallId).ToHashSet(StringComparer.Ordinal);
        var results = messages.SelectMany(message => message.Contents).OfType<FunctionCallContent>()
            .Where(call => !call.InformationalOnly && !answered.Contains(call.CallId))
            .Select(call => (AIContent)new FunctionResultContent(
                call.CallId,
                call.CallId == question.CallId
                    ? QuestionAnswers.Match(question.Answer ?? "", question.Options).ForModel()
                    : "Not run: it came with a question to the person. Call it again if it is still needed."))
            .ToList();
        messages.Add(new ChatMessage(ChatRole.Tool, results));
        return messages;
    }

    private const string OtherText = "text:other";

    private static string? Reason(Approval approval) => approval.State switch
    {
        ApprovalStates.Approved => null,
        ApprovalStates.Denied when approval.DecidedBy == OtherText => "The person did not approve it; they wrote something else instead.",
        ApprovalStates.Denied => "The person denied it.",
        _ => "The approval was not given.",
    };

    private async Task DecideAsync(WaitingTurn waiting, Approval approval, bool allow, string decidedBy, long seq, CancellationToken cancellationToken)
    {
        if (await approvals.DecideAsync(approval.Id, allow ? ApprovalStates.Approved : ApprovalStates.Denied, decidedBy, seq, cancellationToken))
        {
            LogDecided(logger, approval.ToolName, waiting.Turn.ConversationId, allow ? "allowed" : "denied", decidedBy);
        }
    }

    private async Task<WaitingTurn> ReloadAsync(WaitingTurn waiting, CancellationToken cancellationToken) =>
        waiting.IsApproval
            ? waiting with { Approvals = await approvals.ListAsync(waiting.Turn.Id, cancellationToken) }
            : waiting with { Question = await questions.FindAsync(waiting.Turn.Id, cancellationToken) };

    [LoggerMessage(Level = LogLevel.Information, Message = "The person {Decision} {Tool} in {ConversationId} ({DecidedBy}).")]
    private static partial void LogDecided(ILogger logger, string tool, string conversationId, string decision, string decidedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "The person answered a question in {ConversationId} (option {Option}; 0 is free text).")]
    private static partial void LogQuestionAnswered(ILogger logger, string conversationId, int option);
}
