using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>A scheduled send is a row in the store: it goes after a restart that came before its time.</summary>
public sealed class ScheduledSendRestartTests
{
    private const string Phone = "+15551270501";

    [Fact]
    public async Task ScheduledSend_AcrossARestart_GoesWhenDueOnce()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-test-").FullName;
        var start = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        string scheduled;
        try
        {
            await using (var first = await StartAsync(dataDirectory, new RecordingTransport("editing"), start))
            {
                var token = await GatewayScript.PairAsync(first, Phone);
                var conversation = await ConversationAsync(first);
                using var client = AgentLink.Rest.RestFixture.ClientFor(first, token);
                var (response, body) = await AgentLink.Rest.RestFixture.PostAsync(
                    client, "/v2/messages", new { conversation_id = conversation, body = "good morning", send_at = start.AddHours(1).ToString("O") });
                Assert.Equal(202, (int)response.StatusCode);
                scheduled = (string)body!["message_id"]!;
            }

            var transport = new RecordingTransport("editing");
            await using var second = await StartAsync(dataDirectory, transport, start.AddMinutes(59));
            second.Time.Advance(TimeSpan.FromMinutes(1));
            await second.AdvanceUntilAsync(() => Task.FromResult(transport.Actions.OfType<SendMessageAction>().Any(action => action.MessageId == scheduled)));
            await second.AdvanceUntilAsync(second.IsIdleAsync);

            Assert.Single(transport.Actions.OfType<SendMessageAction>(), action => action.MessageId == scheduled);
        }
        finally
        {
            await TestStore.DropAsync(dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<TapbackTestHost> StartAsync(string dataDirectory, RecordingTransport transport, DateTimeOffset now)
    {
        var host = await TapbackTestHost.StartAsync(
            dataDirectory: dataDirectory,
            services: services => services.AddSingleton<IMessageTransport>(transport),
            time: new FakeTimeProvider(now) { AutoAdvanceAmount = TimeSpan.Zero });
        return host;
    }

    /// <summary>The phone's conversation, moved to the recording transport (the pairing ran on the simulator).</summary>
    private static async Task<string> ConversationAsync(TapbackTestHost host)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        var conversation = await connection.ExecuteScalarAsync<string>("SELECT id FROM conversations WHERE handle = @Phone", new { Phone });
        await connection.ExecuteAsync("UPDATE integrations SET transport = 'editing' WHERE phone = @Phone", new { Phone });
        await connection.ExecuteAsync("UPDATE conversations SET transport = 'editing' WHERE id = @conversation", new { conversation });
        return conversation!;
    }
}
