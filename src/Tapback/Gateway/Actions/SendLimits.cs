using Microsoft.Extensions.Options;

namespace Tapback.Gateway.Actions;

/// <summary>
/// What one send may carry, checked once for every surface (<see cref="ActionOptions.MaxBodyLength"/>):
/// the agents' sends are refused past it, and the built-in agent's reply is held to it too.
/// </summary>
internal sealed class SendLimits(IOptions<ActionOptions> options)
{
    public int MaxBodyLength => options.Value.MaxBodyLength;

    /// <summary>The refusal of a send with nothing in it, or with a text past the limit; null when it may go.</summary>
    public ActionResult.Refused? Check(SendCommand send) =>
        string.IsNullOrWhiteSpace(send.Text) && send.Files.Count == 0 && !send.ContactCard ? Refusals.NothingToSend()
        : send.Text.Length > MaxBodyLength ? Refusals.TooLong(send.Text.Length, MaxBodyLength)
        : null;

    /// <summary>
    /// The leading bubbles of a reply that fit the limit together (at least the first, cut to it), so a
    /// runaway model answer is bounded like an agent's send; null when all of them fit.
    /// </summary>
    public IReadOnlyList<string>? Within(IReadOnlyList<string> bubbles)
    {
        var total = 0;
        for (var index = 0; index < bubbles.Count; index++)
        {
            total += bubbles[index].Length;
            if (total > MaxBodyLength)
            {
                return index == 0 ? [bubbles[0][..MaxBodyLength]] : [.. bubbles.Take(index)];
            }
        }

        return null;
    }
}
