using System.Diagnostics;
using Tapback.Client.Tests.Infrastructure;
using Tapback.Tests.Infrastructure;

namespace Tapback.Client.Tests.Examples;

/// <summary>examples/dotnet-echo, the README's ten-line bot, run as its own process against a real Tapback.</summary>
public sealed class DotnetEchoTests
{
    private const string Phone = "+15551230006";

    [Fact]
    public async Task DotnetEcho_PhoneTexts_BotEchoesOnce()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var paired = await Phones.PairAsync(host, Phone);
        using var bot = StartBot(host.BaseAddress, paired.Token);
        try
        {
            await host.SendAsync(Phone, "hello from the phone");
            await host.AdvanceUntilAsync(async () => bot.HasExited || await Phones.BubblesAsync(host, Phone, "echo: hello from the phone") == 1);
            if (bot.HasExited)
            {
                Assert.Fail($"The example stopped: {await bot.StandardError.ReadToEndAsync()}");
            }

            await host.AdvanceUntilAsync(host.IsIdleAsync);

            Assert.Equal(1, await Phones.BubblesAsync(host, Phone, "echo: hello from the phone"));
        }
        finally
        {
            bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync();
        }
    }

    private static Process StartBot(Uri gateway, string token)
    {
        // The example's own build output, in the configuration these tests were built in.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(RepositoryFiles.Root, "examples", "dotnet-echo", "bin", configuration, "net10.0", "DotnetEcho.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.Environment["TAPBACK_URL"] = gateway.ToString();
        start.Environment["TAPBACK_PHONE"] = Phone;
        start.Environment["TAPBACK_TOKEN"] = token;
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }
}
