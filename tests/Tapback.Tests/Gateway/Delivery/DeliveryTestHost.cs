using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Inbox;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Delivery;

/// <summary>Starts Tapback with one test transport whose chats the built-in (offline) agent answers, and reads the store.</summary>
internal static class DeliveryTestHost
{
    public const string Phone = "+15551234567";

    public static Task<TapbackTestHost> StartAsync(IMessageTransport transport, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Tapback:Agent:AllowFrom:0"] = "*" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return TapbackTestHost.StartAsync(all, services: services => services.AddSingleton<IMessageTransport>(transport));
    }

    public static Task<InboxResult> ReceiveAsync(TapbackTestHost host, IMessageTransport transport, string eventId, string text = "hello", DateTimeOffset? sentAt = null, string from = Phone) =>
        host.Services.GetRequiredService<Inbox>().ReceiveMessageAsync(new InboundMessage
        {
            Transport = transport.Name,
            EventId = eventId,
            ChatId = from,
            From = from,
            Text = text,
            SentAt = sentAt,
        });

    public static async Task<long> CountAsync(TapbackTestHost host, string sql, object? parameters = null)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(TapbackTestHost host, string sql, object? parameters = null)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return [.. await connection.QueryAsync<T>(sql, parameters)];
    }

    public static async Task ExecuteAsync(TapbackTestHost host, string sql, object? parameters = null)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync(sql, parameters);
    }
}
