namespace Tapback.Transports.Simulator;

/// <summary>The body of <c>POST /api/simulator/messages</c>.</summary>
internal sealed record SimulatedMessageRequest
{
    public string? From { get; init; }
    public string? Text { get; init; }
    public string? EventId { get; init; }
    public IReadOnlyList<SimulatedAttachment>? Attachments { get; init; }

    /// <summary>Sends into a group chat instead of the phone's one-to-one chat.</summary>
    public SimulatedGroup? Group { get; init; }

    /// <summary>The id of the message this one replies to (an inline reply), in the same chat.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>A bubble or screen effect (<see cref="Messaging.MessageEffects"/> wire name).</summary>
    public string? Effect { get; init; }
}

/// <summary>A group chat the simulated phone is in.</summary>
internal sealed record SimulatedGroup
{
    public string? Id { get; init; }
    public string? Name { get; init; }
}

/// <summary>A file the phone sends, inline as base64.</summary>
internal sealed record SimulatedAttachment
{
    public string? FileName { get; init; }
    public string? ContentType { get; init; }
    public string? Base64 { get; init; }
}

/// <summary>The body of <c>POST /api/simulator/reactions</c>.</summary>
internal sealed record SimulatedReactionRequest
{
    public string? From { get; init; }
    public string? MessageId { get; init; }
    public string? Reaction { get; init; }
    public bool Remove { get; init; }
}

/// <summary>The answer to an accepted message.</summary>
internal sealed record SimulatedMessageAccepted(string MessageId);

/// <summary>The body of <c>POST /api/simulator/messages/{messageId}/edit</c>.</summary>
internal sealed record SimulatedEditRequest
{
    public string? Text { get; init; }
}

/// <summary>The body of <c>POST /api/simulator/typing</c>: the phone starts or stops typing.</summary>
internal sealed record SimulatedTypingRequest
{
    public string? From { get; init; }
    public bool? Typing { get; init; }
}

/// <summary>The body of <c>PUT /api/simulator/phones/{handle}</c>, and the answer of it and of GET.</summary>
internal sealed record SimulatedPhone
{
    public string? Handle { get; init; }

    /// <summary>False for an SMS-only phone.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("imessage")]
    public bool? IMessage { get; init; }
}
