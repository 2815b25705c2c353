using Microsoft.Extensions.Options;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Configuration;

/// <summary>
/// Every options section is checked once at start: a bad value stops the start with a message that
/// names the full key, and every failure of a start is reported together.
/// </summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Tapback:Outbox:MaxAttempts", "0")]
    [InlineData("Tapback:Outbox:Lease", "-00:00:01")]
    [InlineData("Tapback:Gateway:StrangerNotice:Interval", "00:00:00")]
    [InlineData("Tapback:Gateway:OptOut:StoppedText", " ")]
    [InlineData("Tapback:Gateway:Pairing:MaxCodesPerHour", "0")]
    [InlineData("Tapback:Gateway:Inbox:AnswerWindow", "00:00:00")]
    [InlineData("Tapback:Governor:LoopBreaker:FastReplyRounds", "1")]
    [InlineData("Tapback:Governor:LoopBreaker:FastReplyWithin", "00:00:00")]
    [InlineData("Tapback:Gateway:Queue:MaxEvents", "0")]
    [InlineData("Tapback:Agent:AllowFrom:0", "not a phone")]
    [InlineData("Tapback:Node:HeartbeatInterval", "00:00:00")]
    [InlineData("Tapback:Attachments:MaxRedirects", "11")]
    [InlineData("Tapback:Gateway:WebSocket:MaxFrameBytes", "10")]
    [InlineData("Tapback:Gateway:WebSocket:PublicUrl", "ftp://example.com")]
    [InlineData("Tapback:Webhooks:MaxAttempts", "0")]
    [InlineData("Tapback:Rest:MaxBubbleLength", "5")]
    [InlineData("Tapback:Mcp:AllowedHosts:0", "https://tapback.example.com/")]
    [InlineData("Tapback:Agent:MaxBubbleLength", "5")]
    [InlineData("Tapback:Agent:MaxToolRounds", "0")]
    [InlineData("Tapback:Agent:TypingWaitCap", "-00:00:01")]
    [InlineData("Tapback:Agent:TypingWaitCap", "00:10:00")]
    [InlineData("Tapback:Agent:Media:JpegQuality", "5")]
    [InlineData("Tapback:Agent:SpeechToText:Timeout", "00:00:00")]
    [InlineData("Tapback:Dashboard:AllowedOrigins:0", "tapback.example.com")]
    [InlineData("Tapback:Storage:BusyTimeout", "02:00:00")]
    [InlineData("Tapback:Actions:MaxBodyLength", "0")]
    [InlineData("Tapback:Actions:KeyRetention", "01:00:00")]
    [InlineData("Tapback:Actions:LookupFreshFor", "-00:00:01")]
    [InlineData("Tapback:Actions:LookupFreshFor", "31.00:00:00")]
    [InlineData("Tapback:Governor:UnansweredLimit", "-1")]
    [InlineData("Tapback:Governor:UnansweredLimt", "5")]
    [InlineData("Tapback:Watchdog:CheckInterval", "00:00:00")]
    [InlineData("Tapback:Watchdog:DegradedAfter", "-00:00:01")]
    [InlineData("Tapback:Watchdog:RecoveredAfter", "-00:00:01")]
    [InlineData("Tapback:Watchdog:StuckSendAfter", "00:00:00")]
    [InlineData("Tapback:Watchdog:Canary:Handle", "+15551234567")]
    [InlineData("Tapback:Watchdog:Canary:Every", "01:00:00")]
    public async Task Start_BadValue_FailsNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TapbackTestHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key + " ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SeveralBadValuesInOneSection_ReportsEveryOne()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Outbox:MaxAttempts"] = "0",
            ["Tapback:Outbox:FirstRetryDelay"] = "00:00:00",
        }));

        Assert.Contains("Tapback:Outbox:MaxAttempts must be at least 1.", error.Failures);
        Assert.Contains("Tapback:Outbox:FirstRetryDelay must be positive, e.g. 00:00:30.", error.Failures);
    }

    [Fact]
    public async Task Start_BadGovernorOverridesOfATransport_NamesEveryKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Transports:simulator:Kind"] = "Simulator",
            ["Tapback:Transports:simulator:Governor:PerRecipientPerMinute"] = "many",
            ["Tapback:Transports:simulator:Governor:ApplyToSimulator"] = "true",
        }));

        Assert.Contains(error.Failures, failure => failure.StartsWith("Tapback:Transports:simulator:Governor:PerRecipientPerMinute must be a whole number", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.StartsWith("Tapback:Transports:simulator:Governor:ApplyToSimulator is not a governor setting", StringComparison.Ordinal));
    }
}
