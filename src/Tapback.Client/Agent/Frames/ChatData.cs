namespace Tapback.Client;

/// <summary><c>start_typing</c>, <c>stop_typing</c>, <c>mark_read</c>.</summary>
internal sealed record ChatData(string ChatId);
