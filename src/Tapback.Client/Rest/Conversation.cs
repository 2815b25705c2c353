namespace Tapback.Client;

/// <summary>A conversation of the integration.</summary>
public sealed record Conversation
{
    /// <summary>Its id (<c>conv_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The phone's handle (or the group's chat id).</summary>
    public required string Handle { get; init; }

    /// <summary>Whether it is a group.</summary>
    public bool IsGroup { get; init; }

    /// <summary>The group's name.</summary>
    public string? GroupName { get; init; }

    /// <summary>The transport it is on.</summary>
    public required string Transport { get; init; }

    /// <summary>When its last message was stored.</summary>
    public DateTimeOffset LastMessageAt { get; init; }
}
