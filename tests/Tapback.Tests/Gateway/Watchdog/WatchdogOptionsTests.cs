using Microsoft.Extensions.Options;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Watchdog;

/// <summary>A transport's watchdog section is checked at start with the rest, each failure naming its key.</summary>
public sealed class WatchdogOptionsTests
{
    private const string Section = "Tapback:Transports:phone:Watchdog";

    [Theory]
    [InlineData("CheckInterval", "00:00:00", null, null)]
    [InlineData("Canary:Handle", "not a phone", "Canary:Every", "01:00:00")]
    [InlineData("Canary:Every", "01:00:00", null, null)]
    [InlineData("Canary:Handle", "+15551234567", null, null)]
    [InlineData("Canary:Every", "00:00:30", "Canary:Handle", "+15551234567")]
    [InlineData("Canary:Within", "02:00:00", "Canary:Handle", "+15551234567")]
    public async Task Start_BadTransportWatchdogValue_FailsNamingTheKey(string key, string value, string? otherKey, string? otherValue)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Tapback:Transports:phone:Kind"] = "Simulator",
            [$"{Section}:{key}"] = value,
        };
        if (otherKey is not null)
        {
            settings[$"{Section}:{otherKey}"] = otherValue;
        }

        if (key == "Canary:Within")
        {
            settings[$"{Section}:Canary:Every"] = "01:00:00";
        }

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TapbackTestHost.StartAsync(settings));

        Assert.Contains($"{Section}:{key} ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_CanaryHandleWithoutCountryCode_ReadInTheTransportsRegion()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Transports:phone:Kind"] = "Simulator",
            [$"{Section}:Canary:Handle"] = "(555) 123-4567",
            [$"{Section}:Canary:Every"] = "01:00:00",
        });

        var options = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<IOptionsMonitor<Tapback.Gateway.Watchdog.WatchdogOptions>>(host.Services).Get("phone");
        Assert.Equal("+15551234567", options.Canary.Handle);
    }
}
