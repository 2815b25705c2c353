using Microsoft.Extensions.Time.Testing;

namespace Tapback.Client.Tests.Webhooks;

/// <summary>The verifier on the Standard Webhooks specification's own test vector, and its refusals.</summary>
public sealed class WebhookVerifierTests
{
    // From the Standard Webhooks specification's reference libraries.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Timestamp = "1614265330";
    private const string Body = "{\"test\": 2432232314}";
    private const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly FakeTimeProvider AtTimestamp = new(DateTimeOffset.FromUnixTimeSeconds(1614265330));

    [Fact]
    public void Verify_SpecificationVector_Passes()
    {
        new WebhookVerifier(Secret, timeProvider: AtTimestamp).Verify(Id, Timestamp, Signature, Body);
    }

    [Fact]
    public void Verify_RotationWithTwoSignatures_PassesOnEither()
    {
        new WebhookVerifier(Secret, timeProvider: AtTimestamp).Verify(Id, Timestamp, $"v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= {Signature}", Body);
    }

    [Theory]
    [InlineData(null, Timestamp, Signature, "header")]
    [InlineData(Id, "yesterday", Signature, "Unix seconds")]
    [InlineData(Id, Timestamp, "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "No v1 signature")]
    [InlineData(Id, Timestamp, "v1,not base64", "No v1 signature")]
    public void Verify_BadHeaders_ThrowsSayingWhy(string? id, string timestamp, string signature, string says)
    {
        var error = Assert.Throws<WebhookVerificationException>(() => new WebhookVerifier(Secret, timeProvider: AtTimestamp).Verify(id, timestamp, signature, Body));

        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_JustInsideAndJustOutsideTheTolerance_PassesThenFails()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1614265330 + 300));
        var verifier = new WebhookVerifier(Secret, timeProvider: time);
        verifier.Verify(Id, Timestamp, Signature, Body);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(verifier.IsValid(Id, Timestamp, Signature, System.Text.Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("whsec_")]
    [InlineData("whsec_not*base64")]
    public void Constructor_NotASecret_ThrowsNamingTheExpectedForm(string secret)
    {
        var error = Assert.Throws<ArgumentException>(() => new WebhookVerifier(secret));

        Assert.Contains("whsec_ followed by base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownType_KeepsItsData()
    {
        var parsed = WebhookEvents.Parse("{\"id\":\"evt_1\",\"type\":\"something.new\",\"created_at\":\"2026-11-23T09:00:00+00:00\",\"data\":{\"x\":1}}");

        var unknown = Assert.IsType<WebhookUnknownEvent>(parsed);
        Assert.Equal("something.new", unknown.Type);
        Assert.Equal(1, unknown.Data.GetProperty("x").GetInt32());
    }

    [Fact]
    public void Parse_ConversationPaused_ReadsThePinnedShape()
    {
        var parsed = WebhookEvents.Parse(
            "{\"id\":\"evt_2\",\"type\":\"conversation.paused\",\"created_at\":\"2026-11-23T09:00:00+00:00\",\"data\":{\"chat_id\":\"conv_1\",\"reason\":\"loop_suspected\",\"evidence\":{\"kind\":\"fast_replies\",\"rounds\":6,\"detail\":\"six replies within a second\"},\"paused_at\":\"2026-11-23T09:00:00+00:00\"}}");

        var paused = Assert.IsType<WebhookConversationPausedEvent>(parsed);
        Assert.Equal("conv_1", paused.ChatId);
        Assert.Equal("fast_replies", paused.Evidence!.Kind);
        Assert.Equal(6, paused.Evidence.Rounds);
    }
}
