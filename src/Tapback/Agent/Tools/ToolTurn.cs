using System.Globalization;
using Tapback.Gateway.Conversations;

namespace Tapback.Agent.Tools;

/// <summary>What the tools of one turn act on, and the outbox keys their side effects take.</summary>
internal sealed class ToolTurn
{
    private int _actions;

    public required Conversation Conversation { get; init; }

    /// <summary>The turn's key (<c>turn:&lt;first queue seq&gt;</c>): every key below derives from it, so a rerun repeats nothing.</summary>
    public required string TurnKey { get; init; }

    /// <summary>The person's message the turn answers: what <c>react</c> puts its tapback on.</summary>
    public string? ReplyToMessageId { get; init; }

    /// <summary>The transport shows a typing indicator.</summary>
    public bool Typing { get; init; }

    /// <summary>Each tool call is sent as a bubble before it runs.</summary>
    public bool ShowToolCalls { get; init; }

    /// <summary>The person's messages this turn answers, oldest first: what <c>style_answer</c>'s <c>reply_to</c> may name.</summary>
    public IReadOnlyList<StoredMessage> Answering { get; init; } = [];

    /// <summary>
    /// The person's phone gets texts as SMS: no tapbacks, effects or inline replies reach it, so no
    /// tool offers them, and the answer is kept short.
    /// </summary>
    public bool SmsOnly { get; init; }

    /// <summary>Tapback's id of the message the answer goes out as an inline reply to (<c>style_answer</c>); null for a plain answer.</summary>
    public string? AnswerReplyTo { get; set; }

    /// <summary>The effect the answer's first bubble goes out with (<c>style_answer</c>); null for none.</summary>
    public Messaging.MessageEffect? AnswerEffect { get; set; }

    /// <summary>The next key for a side effect of this turn, numbered in the order the tools ask.</summary>
    public string NextKey(string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{TurnKey}:{what}:{Interlocked.Increment(ref _actions)}");
}
