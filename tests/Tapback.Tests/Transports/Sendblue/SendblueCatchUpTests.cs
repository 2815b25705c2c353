using Microsoft.Extensions.Time.Testing;
using static Tapback.Tests.Transports.Hosted.HostedStore;
using static Tapback.Tests.Transports.Sendblue.SendblueTestKit;

namespace Tapback.Tests.Transports.Sendblue;

/// <summary>What reached our Sendblue lines while Tapback was down is fetched at the next start.</summary>
public sealed class SendblueCatchUpTests
{
    [Fact]
    public async Task Start_AfterDowntime_StoresAndAnswersWhatWasMissed()
    {
        var data = Directory.CreateTempSubdirectory("tapback-sendblue-").FullName;
        try
        {
            await using var sendblue = new FakeSendblueServer();
            await sendblue.StartAsync();
            DateTimeOffset stoppedAt;
            await using (var first = await StartAsync(sendblue, dataDirectory: data))
            {
                using (await PostAsync(first, Received(first, "H1", "hello")))
                {
                }

                await WaitForSendsAsync(first, sendblue);
                stoppedAt = first.Time.GetUtcNow();
            }

            var answeredBefore = sendblue.Sent.Count;
            sendblue.AddInbound(Alice, LineTwo, "still there?", stoppedAt.AddMinutes(2), "H2");
            await using var second = await StartAsync(sendblue, dataDirectory: data, time: new FakeTimeProvider(stoppedAt.AddMinutes(3)) { AutoAdvanceAmount = TimeSpan.Zero });

            await second.AdvanceUntilAsync(async () => await CountAsync(second, "SELECT count(*) FROM messages WHERE body = 'still there?'") == 1);
            var sent = await WaitForSendsAsync(second, sendblue, answeredBefore + 1);

            Assert.Equal(LineTwo, sent[^1].Line);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
