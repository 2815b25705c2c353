using Tapback.Gateway.Governor;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// The rows of one claim waiting to be written together by their transport of the store
/// (<see cref="OutboxStore.CarryOutInStoreAsync"/>), with the governor's verdicts on them, which keep
/// their number's turn until the write that counts the send committed.
/// </summary>
internal sealed class StoreRun : IDisposable
{
    private readonly List<StoreCarryOut> _sends = [];
    private readonly List<GovernorVerdict> _verdicts = [];

    public IReadOnlyList<StoreCarryOut> Sends => _sends;

    public int Count => _sends.Count;

    public bool HasMessage => _sends.Exists(send => send.Row.Kind == OutboxKinds.Message);

    public void Add(StoreCarryOut send, GovernorVerdict verdict)
    {
        _sends.Add(send);
        _verdicts.Add(verdict);
    }

    /// <summary>Gives back the numbers' turns and empties the run (written or not).</summary>
    public void Dispose()
    {
        _verdicts.ForEach(verdict => verdict.Dispose());
        _verdicts.Clear();
        _sends.Clear();
    }
}
