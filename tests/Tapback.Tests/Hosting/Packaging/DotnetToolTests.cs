using System.Diagnostics;
using System.IO.Compression;
using Tapback.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tapback.Tests.Hosting.Packaging;

/// <summary>
/// <c>dotnet tool install --global Tapback</c>, as a user gets it: the package packed from this build,
/// installed from a local folder feed (and nothing else) into a tool path of its own, then <c>tapback</c>
/// started from another folder on its embedded defaults. Its pages and settings must come from the tool's
/// install folder, its data must land in the folder it was started in.
/// </summary>
[Collection(Packing.Collection)]
public sealed class DotnetToolTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Tool_PackedInstalledAndStarted_ReportsItsVersionAndServesHealthAndTheSimulator()
    {
        var work = Directory.CreateTempSubdirectory("tapback-tool-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            var feed = Path.Combine(work, "feed");
            await TapbackProject.DotnetAsync(["pack", TapbackProject.Path, "-c", TapbackProject.Configuration, "--no-build", "-o", feed,
                $"-p:PublishDir={Path.Combine(work, "publish")}/", "--nologo", "-v", "quiet"]);
            var package = Path.Combine(feed, $"Tapback.{TapbackProject.OneVersion}.nupkg");
            Assert.True(File.Exists(package), "dotnet pack made no Tapback package of the one version.");
            using (var zip = ZipFile.OpenRead(package))
            {
                // The program and its pages under tools/, the package's README and NuGet's own files: no pages
                // again as content files or static web assets for a project that would reference the package.
                Assert.All(zip.Entries, entry => Assert.True(
                    entry.FullName.StartsWith("tools/net10.0/any/", StringComparison.Ordinal)
                    || entry.FullName is "README.md" or "Tapback.nuspec" or "[Content_Types].xml"
                    || entry.FullName.StartsWith("_rels/", StringComparison.Ordinal) || entry.FullName.StartsWith("package/", StringComparison.Ordinal),
                    $"{entry.FullName} should not be in the tool's package."));
                Assert.Contains(zip.Entries, entry => entry.FullName == "tools/net10.0/any/wwwroot/simulator/simulator.js");
                Assert.Contains(zip.Entries, entry => entry.FullName == "tools/net10.0/any/pages/dashboard/signin.html");
            }

            output.WriteLine($"packed in {clock.Elapsed.TotalSeconds:F0} s");

            // Only the local feed, and a packages folder of its own: no registry is asked, and no earlier
            // package of the same version in the machine's NuGet cache stands in for this one.
            var config = Path.Combine(work, "nuget.config");
            await File.WriteAllTextAsync(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            var tools = Path.Combine(work, "tools");
            await TapbackProject.DotnetAsync(["tool", "install", "Tapback", "--version", TapbackProject.OneVersion, "--tool-path", tools, "--configfile", config],
                new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(work, "packages") });
            var tapback = Path.Combine(tools, "tapback");
            output.WriteLine($"installed in {clock.Elapsed.TotalSeconds:F0} s");

            var version = await CommandLine.RunAsync(tapback, ["--version"], TimeSpan.FromMinutes(2), workingDirectory: work);
            Assert.StartsWith($"Tapback {TapbackProject.OneVersion}", version.Trim(), StringComparison.Ordinal);

            var folder = Directory.CreateDirectory(Path.Combine(work, "somewhere")).FullName;
            var address = LoopbackPorts.Closed();
            var start = new ProcessStartInfo(tapback) { WorkingDirectory = folder };
            // The offline model: a developer's real ANTHROPIC_API_KEY must not send the test to a provider.
            foreach (var argument in new[] { $"--urls={address}", "--Tapback:Agent:Provider=offline" })
            {
                start.ArgumentList.Add(argument);
            }

            await using var running = await TapbackProcess.StartAsync(start, address);
            output.WriteLine($"healthy in {clock.Elapsed.TotalSeconds:F0} s");
            using var page = await running.Client.GetAsync("/simulator");
            Assert.True(page.IsSuccessStatusCode, $"GET /simulator answered {(int)page.StatusCode}.");
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("simulator.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var script = await running.Client.GetAsync("/simulator/simulator.js");
            Assert.True(script.IsSuccessStatusCode, $"GET /simulator/simulator.js (from wwwroot) answered {(int)script.StatusCode}.");
            using var signIn = await running.Client.GetAsync("/signin");
            Assert.True(signIn.IsSuccessStatusCode, $"GET /signin (the dashboard's page) answered {(int)signIn.StatusCode}.");
            Assert.True(File.Exists(Path.Combine(folder, "data", "tapback.db")), "The embedded default store is ./data/tapback.db in the folder tapback was started in.");

            Assert.Equal(0, await running.TerminateAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
