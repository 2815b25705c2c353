using System.Diagnostics;
using System.Formats.Tar;
using System.Runtime.Versioning;
using Tapback.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tapback.Tests.Hosting.Packaging;

/// <summary>
/// The container image, built as docs/deploy.md says (<c>dotnet publish -t:PublishContainer</c>, to an archive:
/// no Docker engine runs here) on a stand-in for Microsoft's ASP.NET Core base image served from a loopback
/// registry, since mcr.microsoft.com cannot be reached from these machines. What it checks is what Tapback's
/// project file decides: the configuration (user, port, environment, entrypoint, labels, tags) and the app
/// layer; then it runs that layer's files as the image would (its entrypoint, working directory and
/// environment, as the image's user when the test runs as root) and probes it with the image's health command.
/// Microsoft's base image itself, and a real container engine, are not tested here (docs/deploy.md).
/// </summary>
[Collection(Packing.Collection)]
[UnsupportedOSPlatform("windows")]
public sealed class ContainerImageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Image_BuiltOnAStandInBase_RunsAsTheAppUserOn8080WithItsDataInTheUsersHome()
    {
        var work = Directory.CreateTempSubdirectory("tapback-image-").FullName;
        // The image's user must reach the unpacked files below it.
        File.SetUnixFileMode(work, File.GetUnixFileMode(work) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        try
        {
            var clock = Stopwatch.StartNew();
            await using var registry = new StandInRegistry(StandInBaseImage.Create());
            await registry.StartAsync();
            var archive = Path.Combine(work, "tapback.tar");
            await TapbackProject.DotnetAsync(
                ["publish", TapbackProject.Path, "-c", TapbackProject.Configuration, "--no-build", "-t:PublishContainer",
                    $"-p:ContainerBaseImage={registry.Host}/dotnet/aspnet:10.0", $"-p:ContainerArchiveOutputPath={archive}",
                    $"-p:PublishDir={Path.Combine(work, "publish")}/", "--nologo", "-v", "quiet"],
                new Dictionary<string, string?> { ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = registry.Host });
            output.WriteLine($"image built in {clock.Elapsed.TotalSeconds:F0} s; the registry was asked: {string.Join(", ", registry.Requests)}");
            Assert.Contains(registry.Requests, request => request.Contains("/dotnet/aspnet/manifests/10.0", StringComparison.Ordinal));

            var image = await ImageArchive.ReadAsync(archive);
            Assert.Equal([$"tapback:{TapbackProject.OneVersion}", "tapback:latest"], image.Tags);
            Assert.Equal($"{StandInBaseImage.AppUid}", (string?)image.Config["User"]);
            Assert.Equal(["8080/tcp"], image.Config["ExposedPorts"]!.AsObject().Select(port => port.Key));
            Assert.Equal("/app/", (string?)image.Config["WorkingDir"]);
            Assert.Equal(["dotnet", "/app/Tapback.dll"], image.Config["Entrypoint"]!.AsArray().Select(part => (string)part!));
            Assert.Equal("http://0.0.0.0:8080", image.Environment["URLS"]);
            Assert.Equal("/home/app", image.Environment["Tapback__DataDirectory"]);
            Assert.Equal("8080", image.Environment["ASPNETCORE_HTTP_PORTS"]);
            var labels = image.Config["Labels"]!.AsObject();
            Assert.Equal(TapbackProject.OneVersion, (string?)labels["org.opencontainers.image.version"]);
            Assert.Equal("Tapback", (string?)labels["org.opencontainers.image.title"]);
            Assert.Equal("dotnet /app/Tapback.dll healthcheck", (string?)labels["com.tapback.healthcheck"]);

            // One layer on the base: the app, readable by any user, and nothing outside /app (a folder written
            // by the SDK belongs to root: one under /home/app would take the user's home from it).
            Assert.Equal(2, image.Layers.Count);
            var files = ImageArchive.Entries(image.Layers[1]);
            Assert.All(files, entry => Assert.True(entry.Path == "app" || entry.Path.StartsWith("app/", StringComparison.Ordinal), $"{entry.Path} is outside /app."));
            Assert.All(files, entry => Assert.True(entry.Mode.HasFlag(UnixFileMode.OtherRead), $"{entry.Path} cannot be read by the image's user."));
            foreach (var expected in new[] { "app/Tapback.dll", "app/appsettings.json", "app/wwwroot/simulator/simulator.js", "app/pages/simulator/index.html", "app/pages/dashboard/index.html" })
            {
                Assert.Contains(files, entry => entry.Path == expected && entry.Type is TarEntryType.RegularFile or TarEntryType.V7RegularFile);
            }

            await RunAsync(image, work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The app layer's files started by the image's entrypoint from its working directory with its environment
    /// (and nothing of this process's), as its user when the test may switch to it: listening on a free loopback
    /// port instead of 8080 and with the data directory in a folder of the test instead of /home/app.
    /// </summary>
    private async Task RunAsync(ImageArchive image, string work)
    {
        var root = Directory.CreateDirectory(Path.Combine(work, "rootfs")).FullName;
        await ImageArchive.ExtractAsync(image.Layers[1], root);
        var home = Directory.CreateDirectory(Path.Combine(work, "home-app")).FullName;
        var asImageUser = Environment.IsPrivilegedProcess;
        if (asImageUser)
        {
            // As the base image has it: the user's home is theirs (a named volume mounted there takes that owner).
            await CommandLine.RunAsync("chown", [$"{StandInBaseImage.AppUid}:{StandInBaseImage.AppUid}", home], TimeSpan.FromMinutes(1));
        }

        output.WriteLine(asImageUser
            ? $"running the image's files as user {StandInBaseImage.AppUid}"
            : "not root: running the image's files as this user (the image's user needs root to switch to)");
        var address = LoopbackPorts.Closed();
        var entrypoint = image.Config["Entrypoint"]!.AsArray().Select(part => (string)part!)
            .Select(part => part.StartsWith("/app/", StringComparison.Ordinal) ? Path.Combine(root, part[1..]) : part).ToList();
        var start = asImageUser
            ? new ProcessStartInfo("setpriv", [$"--reuid={StandInBaseImage.AppUid}", $"--regid={StandInBaseImage.AppUid}", "--clear-groups", "--", .. entrypoint])
            : new ProcessStartInfo(entrypoint[0], entrypoint.Skip(1));
        start.WorkingDirectory = Path.Combine(root, ((string)image.Config["WorkingDir"]!).Trim('/'));
        start.Environment.Clear();
        foreach (var (key, value) in image.Environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["URLS"] = address.ToString();
        start.Environment["Tapback__DataDirectory"] = home;
        start.Environment["HOME"] = home;
        start.Environment["Tapback__Agent__Provider"] = "offline";
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { } dotnetRoot)
        {
            start.Environment["DOTNET_ROOT"] = dotnetRoot;
        }

        await using var running = await TapbackProcess.StartAsync(start, address);
        using (var ready = await running.Client.GetAsync("/readyz"))
        {
            Assert.True(ready.IsSuccessStatusCode, $"GET /readyz answered {(int)ready.StatusCode}.");
        }

        using (var page = await running.Client.GetAsync("/simulator"))
        {
            Assert.True(page.IsSuccessStatusCode, $"GET /simulator answered {(int)page.StatusCode}.");
        }

        var store = Path.Combine(home, "tapback.db");
        Assert.True(File.Exists(store), "The store should be in the data directory, the user's home.");
        if (asImageUser)
        {
            Assert.Equal($"{StandInBaseImage.AppUid}", (await CommandLine.RunAsync("stat", ["-c", "%u", store], TimeSpan.FromMinutes(1))).Trim());
        }

        // The probe compose files run in the container: 0 while ready…
        string[] probe = ["dotnet", Path.Combine(root, "app", "Tapback.dll"), "healthcheck", "--url", new Uri(address, "/readyz").ToString()];
        await CommandLine.RunAsync(probe[0], probe[1..], TimeSpan.FromMinutes(1));

        Assert.Equal(0, await running.TerminateAsync(TimeSpan.FromSeconds(60)));
        // …and not 0 once nothing answers.
        await Assert.ThrowsAsync<InvalidOperationException>(() => CommandLine.RunAsync(probe[0], probe[1..], TimeSpan.FromMinutes(1)));
    }
}
