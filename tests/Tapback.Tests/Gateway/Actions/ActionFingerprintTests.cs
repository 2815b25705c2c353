using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tapback.AgentLink.Rest;
using Tapback.Gateway.Actions;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>Keys the REST API stored before the action core (migration 0022 keeps their rows) still match their retries.</summary>
public sealed class ActionFingerprintTests
{
    [Fact]
    public void Of_ARestSend_IsTheHashTheRestApiStoredBefore()
    {
        var request = new SendMessageRequest
        {
            To = "+15551234567",
            Body = "Hi! 👋 <b>&</b>",
            Attachments = [new RestAttachment { Url = "https://example.com/cat.jpg" }, new RestAttachment { Url = "https://example.com/q3", Name = "Q3.pdf" }],
            Split = true,
        };
        var before = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, RestJsonContext.Default.SendMessageRequest))));

        var now = ActionFingerprint.Of(new SendCommand
        {
            Chat = ChatRef.Of(request.To, null),
            Text = request.Body,
            Files = [SendFile.FromUrl("https://example.com/cat.jpg"), SendFile.FromUrl("https://example.com/q3", "Q3.pdf")],
            Split = new() { MaxBubbleLength = 280, GapMin = TimeSpan.Zero, GapMax = TimeSpan.Zero },
        });

        Assert.Equal(before, now);
    }

    [Fact]
    public void Of_TheSameTextToAnotherChat_Differs()
    {
        var mine = ActionFingerprint.Of(new SendCommand { Chat = ChatRef.Of("+15551234567", null), Text = "hi" });
        var group = ActionFingerprint.Of(new SendCommand { Chat = ChatRef.Of(null, "conv_1"), Text = "hi" });

        Assert.NotEqual(mine, group);
    }

    [Fact]
    public void Of_TheWebSocketsChatId_IsHashedAsRestAndMcpNameTheSameChat()
    {
        Assert.Equal(
            ActionFingerprint.Of(new SendCommand { Chat = ChatRef.Of("+15551234567", null), Text = "hi" }),
            ActionFingerprint.Of(new SendCommand { Chat = ChatRef.Either("+15551234567"), Text = "hi" }));
        Assert.Equal(
            ActionFingerprint.Of(new SendCommand { Chat = ChatRef.Of(null, "conv_1"), Text = "hi" }),
            ActionFingerprint.Of(new SendCommand { Chat = ChatRef.Either("conv_1"), Text = "hi" }));
    }

    [Fact]
    public void Of_TheSameTextWithAnotherReplyOrEffect_Differs()
    {
        var plain = new SendCommand { Chat = ChatRef.Of("+15551234567", null), Text = "hi" };
        var replied = plain with { ReplyTo = "msg_1" };
        var withEffect = plain with { Effect = Tapback.Messaging.MessageEffect.Slam };

        string[] fingerprints =
        [
            ActionFingerprint.Of(plain),
            ActionFingerprint.Of(replied),
            ActionFingerprint.Of(replied with { ReplyTo = "msg_2" }),
            ActionFingerprint.Of(withEffect),
            ActionFingerprint.Of(withEffect with { Effect = Tapback.Messaging.MessageEffect.Confetti }),
        ];

        Assert.Equal(fingerprints.Length, fingerprints.Distinct().Count());
        Assert.Equal(ActionFingerprint.Of(replied), ActionFingerprint.Of(plain with { ReplyTo = "msg_1" }));
    }
}
