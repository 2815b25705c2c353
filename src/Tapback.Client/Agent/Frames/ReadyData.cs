namespace Tapback.Client;

/// <summary><c>ready</c>; this client always asks for acknowledged delivery.</summary>
internal sealed record ReadyData(bool Acks);
