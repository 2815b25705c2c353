using Microsoft.Extensions.Options;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Transports;

/// <summary>
/// Each transport instance's settings are checked once at start: a bad configuration stops the start
/// and the one error lists every bad key in full (<c>Tapback:Transports:&lt;name&gt;:&lt;key&gt;</c>).
/// </summary>
public sealed class TransportOptionsTests
{
    [Fact]
    public async Task Start_BadBlueBubblesSettings_NamesEveryBadKey()
    {
        var error = await StartFailingAsync("home-mac", new()
        {
            ["Kind"] = "BlueBubbles",
            ["BaseUrl"] = "ftp://192.168.1.20:1234",
            ["WebhookSecret"] = "short",
            ["CatchUpInterval"] = "00:00:00",
        });

        AssertNames(error, "home-mac", "BaseUrl", "Password", "WebhookSecret", "CatchUpInterval");
    }

    [Fact]
    public async Task Start_BadMacMessagesSettings_NamesEveryBadKey()
    {
        var error = await StartFailingAsync("home-mac", new()
        {
            ["Kind"] = "MacMessages",
            ["AllowOnNonMac"] = "true",
            ["DatabasePath"] = " ",
            ["PollInterval"] = "00:00:00",
            ["ScriptTimeout"] = "00:00:00",
            ["DefaultRegion"] = " ",
        });

        AssertNames(error, "home-mac", "DatabasePath", "PollInterval", "ScriptTimeout", "DefaultRegion");
    }

    [Fact]
    public async Task Start_BadBlooioSettings_NamesEveryBadKey()
    {
        var error = await StartFailingAsync("blooio", new()
        {
            ["Kind"] = "Blooio",
            ["BaseUrl"] = "ftp://backend.blooio.com/v2/api",
            ["Numbers:0"] = "+15551234567",
            ["Numbers:1"] = "not a phone",
            ["RequestTimeout"] = "00:00:00",
        });

        AssertNames(error, "blooio", "ApiKey", "WebhookSecret", "BaseUrl", "Numbers:1", "RequestTimeout");
        Assert.DoesNotContain(error.Failures, failure => failure.StartsWith("Tapback:Transports:blooio:Numbers:0 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_BadSendblueSettings_NamesEveryBadKey()
    {
        var error = await StartFailingAsync("sb", new()
        {
            ["Kind"] = "Sendblue",
            ["ApiKey"] = "k",
            ["Numbers:0"] = "someone@example.com",
            ["Numbers:1"] = "not a phone",
            ["RequestTimeout"] = "-00:00:01",
        });

        AssertNames(error, "sb", "ApiSecret", "WebhookSecret", "Numbers:0", "Numbers:1", "RequestTimeout");
    }

    [Fact]
    public async Task Start_BadSimulatorSettings_NamesEveryBadKey()
    {
        var error = await StartFailingAsync("phone", new()
        {
            ["Kind"] = "Simulator",
            ["MaxAttachmentBytes"] = "0",
            ["MaxTextLength"] = "-1",
        });

        AssertNames(error, "phone", "MaxAttachmentBytes", "MaxTextLength");
    }

    [Fact]
    public async Task Start_UnknownAndMissingKinds_FailValidationNamingEachKeyAndTheKnownKinds()
    {
        // Two sections fail, so the start throws both together.
        var error = await Assert.ThrowsAsync<AggregateException>(() => TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Transports:imsg:Kind"] = "iMessageCloud",
            ["Tapback:Transports:other:BaseUrl"] = "http://127.0.0.1:1234",
            ["Tapback:Outbox:MaxAttempts"] = "0",
        }));
        var failures = error.InnerExceptions.OfType<OptionsValidationException>().SelectMany(failed => failed.Failures).ToList();

        var unknown = Assert.Single(failures, failure => failure.StartsWith("Tapback:Transports:imsg:Kind ", StringComparison.Ordinal));
        Assert.Contains("'iMessageCloud'", unknown, StringComparison.Ordinal);
        Assert.Contains("Simulator, BlueBubbles, MacMessages, Blooio, Sendblue", unknown, StringComparison.Ordinal);
        Assert.Contains(failures, failure => failure.StartsWith("Tapback:Transports:other:Kind must be set", StringComparison.Ordinal));
        // Reported with the other sections' failures, so one restart fixes them all.
        Assert.Contains("Tapback:Outbox:MaxAttempts must be at least 1.", failures);
    }

    private static Task<OptionsValidationException> StartFailingAsync(string name, Dictionary<string, string?> settings) =>
        Assert.ThrowsAsync<OptionsValidationException>(() => TapbackTestHost.StartAsync(
            settings.ToDictionary(setting => $"Tapback:Transports:{name}:{setting.Key}", setting => setting.Value)));

    private static void AssertNames(OptionsValidationException error, string name, params string[] keys)
    {
        foreach (var key in keys)
        {
            Assert.Contains(error.Failures, failure => failure.StartsWith($"Tapback:Transports:{name}:{key} ", StringComparison.Ordinal));
        }

        Assert.True(keys.Length == error.Failures.Count(), string.Join(Environment.NewLine, error.Failures));
    }
}
