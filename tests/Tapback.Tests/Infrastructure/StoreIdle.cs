using System.Data.Common;
using System.Globalization;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// "Tapback has nothing left to do", read from the store: no agent-queue row pending (for one link, or
/// any) and no outbox row queued, in flight or being reconciled. One definition for every test.
/// </summary>
internal static class StoreIdle
{
    public static async Task<bool> IsIdleAsync(DbConnection connection, string? link = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT (SELECT count(*) FROM agent_queue WHERE state = 'pending'" + (link is null ? string.Empty : " AND link = @link") + ")"
            + " + (SELECT count(*) FROM outbox WHERE state IN ('queued', 'in_flight', 'reconciling'))";
        if (link is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@link";
            parameter.Value = link;
            command.Parameters.Add(parameter);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == 0;
    }

    /// <summary>Waits until the store of a Tapback running as a separate process is idle.</summary>
    public static Task WaitAsync(string dataDirectory) => Waits.UntilAsync(async () =>
    {
        await using var connection = await TestStore.OpenAsync(dataDirectory);
        return await IsIdleAsync(connection);
    });
}
