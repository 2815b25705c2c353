namespace Tapback.Client;

/// <summary>The answer to a replay.</summary>
internal sealed record ReplayResult(int Replayed);
