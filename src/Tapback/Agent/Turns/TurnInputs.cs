using Tapback.Agent.Tools;
using Tapback.Gateway.Conversations;

namespace Tapback.Agent.Turns;

/// <summary>What one turn works from: the queue rows it completes and what the person sent.</summary>
internal sealed class TurnInputs
{
    /// <summary>Every queue row the turn completes, in order; the first names the turn.</summary>
    public List<long> Seqs { get; } = [];

    /// <summary>New messages for the model.</summary>
    public List<StoredMessage> Run { get; } = [];

    /// <summary>Messages that answered a waiting turn ("yes", a question's answer): read, not answered on their own.</summary>
    public List<StoredMessage> Answered { get; } = [];

    /// <summary>A waiting turn whose approval ran out of time: closed by this turn, which tells the person.</summary>
    public WaitingTurn? Expired { get; set; }

    /// <summary>The answer spoken as a voice memo (<see cref="VoiceReplyStep"/>), sent instead of its text bubbles; null for text.</summary>
    public Gateway.Attachments.StoredAttachment? VoiceReply { get; set; }

    /// <summary>What the turn's first read found: the open session there saves the context a read while the turn has written nothing since.</summary>
    public TurnStart? Start { get; init; }

    public string TurnKey => TurnKeys.Of(Seqs[0]);

    /// <summary>The newest message of the person's this turn saw, to mark read.</summary>
    public StoredMessage? LastRead => Run.Concat(Answered).MaxBy(message => message.Seq);
}
