namespace Tapback.Gateway.Governor.Loops;

/// <summary>
/// One message of the exchange the detector reads: the other side's (stored at <see cref="At"/>) or the
/// agent's (sent at <see cref="At"/>, when its transport took it), in Unix ms.
/// </summary>
internal readonly record struct ExchangedMessage(long At, string Text);
