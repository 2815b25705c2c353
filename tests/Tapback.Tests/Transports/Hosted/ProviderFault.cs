namespace Tapback.Tests.Transports.Hosted;

/// <summary>What a fake provider does to the next send instead of answering it well.</summary>
internal sealed record ProviderFault
{
    /// <summary>Answer with this status (and <see cref="RetryAfter"/>) without sending anything.</summary>
    public int? Status { get; init; }

    public string? RetryAfter { get; init; }

    /// <summary>Send the message, then drop the connection before answering: the answer is lost.</summary>
    public bool DropAfterSending { get; init; }

    /// <summary>Send the message, then never answer (the client's timeout decides).</summary>
    public bool HangAfterSending { get; init; }

    public static ProviderFault WithStatus(int status, string? retryAfter = null) => new() { Status = status, RetryAfter = retryAfter };

    public static ProviderFault Dropped { get; } = new() { DropAfterSending = true };

    public static ProviderFault Hung { get; } = new() { HangAfterSending = true };
}
