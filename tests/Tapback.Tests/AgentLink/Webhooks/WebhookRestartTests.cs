using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Webhooks;

public sealed class WebhookRestartTests
{
    private static readonly string[] MessageReceived = ["message.received"];

    [Fact]
    public async Task Deliver_GatewayRestartsBetweenAttempts_DeliversAfterTheRestartWithTheSameId()
    {
        var data = Directory.CreateTempSubdirectory("tapback-webhooks-").FullName;
        try
        {
            await using var receiver = await WebhookReceiver.StartAsync();
            receiver.Otherwise = ReceiverAnswer.ServerError;
            await using (var first = await TapbackTestHost.StartAsync(WebhookTestKit.Settings(), data))
            {
                var token = await GatewayScript.PairAsync(first, WebhookTestKit.Phone);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/webhooks")
                {
                    Content = JsonContent.Create(new { url = receiver.Url, events = MessageReceived }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var created = await first.Client.SendAsync(request);
                receiver.Secret = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["secret"]!;
                await first.SendAsync(WebhookTestKit.Phone, "survive a restart");
                await first.AdvanceUntilAsync(() => Task.FromResult(receiver.Received.Count == 1));
            }

            receiver.Otherwise = ReceiverAnswer.Ok;
            await using var second = await TapbackTestHost.StartAsync(WebhookTestKit.Settings(), data);
            await second.AdvanceUntilAsync(() => Task.FromResult(receiver.Accepted.Count == 1), step: TimeSpan.FromSeconds(1));

            Assert.Equal(receiver.Received[0].Id, receiver.Accepted[0].Id);
            Assert.True(receiver.Accepted[0].Verified);
            Assert.Equal("survive a restart", receiver.Accepted[0].Text);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
