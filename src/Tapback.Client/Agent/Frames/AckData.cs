namespace Tapback.Client;

/// <summary><c>ack</c>: every event up to <see cref="Seq"/> delivered on this connection was handled.</summary>
internal sealed record AckData(long Seq);
