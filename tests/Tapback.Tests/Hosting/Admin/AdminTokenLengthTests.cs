using System.Diagnostics;
using Microsoft.Extensions.Options;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Hosting.Admin;

/// <summary>A configured admin token shorter than 32 characters stops the start, with a message naming the key.</summary>
public sealed class AdminTokenLengthTests
{
    [Theory]
    [InlineData("x")]
    [InlineData("0123456789abcdef0123456789abcde")]
    public async Task Start_ConfiguredTokenShorterThan32_FailsNamingTheKey(string token)
    {
        var data = Directory.CreateTempSubdirectory("tapback-admin-").FullName;
        try
        {
            var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
                TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Admin:Token"] = token }, data));

            Assert.Contains($"Tapback:Admin:Token is {token.Length} characters; it must be at least 32", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            await TestStore.DropAsync(data);
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Start_ConfiguredTokenOf32_Starts()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Admin:Token"] = new string('k', 32) });

        Assert.True((await host.Client.GetAsync("/healthz")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Process_ShortToken_ExitsWithTheMessage()
    {
        var data = Directory.CreateTempSubdirectory("tapback-admin-").FullName;
        try
        {
            var settings = new Dictionary<string, string> { ["Tapback:Admin:Token"] = "short" };
            using var process = Process.Start(await TapbackProcess.StartInfoAsync(data, settings, LoopbackPorts.Closed()))!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("Tapback started with a 5-character admin token instead of refusing it.");
            }

            Assert.NotEqual(0, process.ExitCode);
            Assert.Contains("Tapback:Admin:Token is 5 characters; it must be at least 32", await output + await errors, StringComparison.Ordinal);
        }
        finally
        {
            await TestStore.DropAsync(data);
            Directory.Delete(data, recursive: true);
        }
    }
}
