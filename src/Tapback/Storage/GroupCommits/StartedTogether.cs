namespace Tapback.Storage.GroupCommits;

/// <summary>
/// Awaiting statements a unit started together (<see cref="PostgresPipeline"/>) one after another. On
/// PostgreSQL the first statement that fails aborts the transaction, and every statement run after it
/// fails with 25P02 ("current transaction is aborted"); awaited in the wrong order, that echo is what
/// the caller would see, instead of the refusal that explains it (a NUL in a chat name, which the
/// unstorable-text handler answers with a 400, became a 500). The first failure is the one reported.
/// </summary>
internal static class StartedTogether
{
    /// <summary>Awaits <paramref name="later"/>, started after <paramref name="earlier"/>; if both failed, throws the earlier one's failure.</summary>
    public static async Task<T> AfterAsync<T>(Task? earlier, Task<T> later)
    {
        try
        {
            return await later;
        }
        catch when (earlier is { IsFaulted: true })
        {
            await earlier;
            throw;
        }
    }

    /// <inheritdoc cref="AfterAsync{T}(Task?, Task{T})"/>
    public static async Task AfterAsync(Task? earlier, Task later)
    {
        try
        {
            await later;
        }
        catch when (earlier is { IsFaulted: true })
        {
            await earlier;
            throw;
        }
    }
}
