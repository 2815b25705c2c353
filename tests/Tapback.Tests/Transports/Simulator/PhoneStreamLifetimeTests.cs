using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Tests.Infrastructure;
using Tapback.Transports.Simulator;

namespace Tapback.Tests.Transports.Simulator;

/// <summary>A phone's live stream holds memory only while it is open (the memory benchmark's per-conversation rule).</summary>
public sealed class PhoneStreamLifetimeTests : IAsyncLifetime
{
    private TapbackTestHost _host = null!;

    // No agent, so the only events are the phone's own.
    public async Task InitializeAsync() => _host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Agent:Enabled"] = "false" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private PhoneEventHub Hub => _host.Services.GetRequiredService<PhoneEventHub>();

    [Fact]
    public async Task Stream_ClosedByEveryPhone_LeavesNoPhoneBehind()
    {
        string[] phones = ["+15551230001", "+15551230002", "+15551230003"];
        foreach (var phone in phones)
        {
            await _host.SendAsync(phone, "hello");
            using var response = await OpenAsync(phone);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.Equal("message.sent", (await SimulatorApiTests.NextDataAsync(reader)).GetProperty("type").GetString());
        }

        await UntilAsync(() => Hub.StreamingPhones == 0);

        Assert.Equal(0, Hub.StreamingPhones);
    }

    [Fact]
    public async Task Stream_OneOfTwoClosed_OtherStillGetsLiveEvents()
    {
        const string phone = "+15551230004";
        await _host.SendAsync(phone, "first");
        using var staying = await OpenAsync(phone);
        using var stayingReader = new StreamReader(await staying.Content.ReadAsStreamAsync());
        await SimulatorApiTests.NextDataAsync(stayingReader);
        using (var leaving = await OpenAsync(phone))
        {
            using var leavingReader = new StreamReader(await leaving.Content.ReadAsStreamAsync());
            await SimulatorApiTests.NextDataAsync(leavingReader);
        }

        await _host.SendAsync(phone, "second");
        var live = await SimulatorApiTests.NextDataAsync(stayingReader);

        Assert.Equal("second", live.GetProperty("text").GetString());
        Assert.Equal(1, Hub.StreamingPhones);
    }

    private async Task<HttpResponseMessage> OpenAsync(string phone)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/simulator/conversations/{Uri.EscapeDataString(phone)}/stream");
        return await _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    // Kestrel notices a closed connection on its own schedule; wait for it, not for any product delay.
    private static async Task UntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }
    }
}
