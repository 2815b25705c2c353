using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Transports.Hosted;

/// <summary>Looks into a test host's store.</summary>
internal static class HostedStore
{
    public static async Task<long> CountAsync(TapbackTestHost host, string sql, object? parameters = null)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    /// <summary>Tapback's message id for an inbound event the provider named.</summary>
    public static async Task<string> MessageIdOfEventAsync(TapbackTestHost host, string eventId)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT message_id FROM inbox WHERE event_id = @eventId", new { eventId })
            ?? throw new InvalidOperationException($"Event {eventId} is not stored.");
    }
}
