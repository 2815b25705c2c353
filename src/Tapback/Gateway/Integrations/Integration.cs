namespace Tapback.Gateway.Integrations;

/// <summary>An agent paired with one phone number: it receives that number's conversations.</summary>
internal sealed record Integration
{
    public required string Id { get; init; }

    /// <summary>The paired phone number, in E.164.</summary>
    public required string Phone { get; init; }

    public required string Name { get; init; }

    /// <summary>The transport the phone paired on.</summary>
    public required string Transport { get; init; }

    /// <summary>One of <see cref="IntegrationStatuses"/>.</summary>
    public required string Status { get; init; }

    public required IntegrationSettings Settings { get; init; }

    /// <summary>One of <see cref="IntegrationAgents"/>: <c>own</c> or <c>builtin</c>.</summary>
    public string Agent { get; init; } = IntegrationAgents.Own;

    /// <summary>When an agent WebSocket last said <c>ready</c>; null when none ever did.</summary>
    public DateTimeOffset? LastConnectedAt { get; init; }

    public required long DroppedEvents { get; init; }

    public DateTimeOffset? LastDroppedAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string Link => IntegrationLinks.Of(Id);

    public bool IsPaused => Status == IntegrationStatuses.Paused;

    public bool AnsweredByBuiltIn => Agent == IntegrationAgents.BuiltIn;
}
