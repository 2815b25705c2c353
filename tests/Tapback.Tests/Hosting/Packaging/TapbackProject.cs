using System.Reflection;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Hosting.Packaging;

/// <summary>src/Tapback as the test run built it, and the one version in Directory.Build.props.</summary>
internal static class TapbackProject
{
    public static string Path { get; } = System.IO.Path.Combine(RepositoryFiles.Root, "src", "Tapback", "Tapback.csproj");

    /// <summary>The configuration the tests were built in, so pack and publish reuse that build (<c>--no-build</c>).</summary>
    public static string Configuration { get; } =
        typeof(TapbackProject).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The <c>Version</c> of Directory.Build.props: the server's, the tool's, the image's and every SDK's.</summary>
    public static string OneVersion { get; } =
        XDocument.Load(System.IO.Path.Combine(RepositoryFiles.Root, "Directory.Build.props")).Descendants("Version").Single().Value;

    /// <summary>Runs the dotnet CLI without its first-run text and telemetry (which would leave loopback).</summary>
    public static Task<string> DotnetAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var quiet = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            quiet[key] = value;
        }

        return CommandLine.RunAsync("dotnet", arguments, timeout ?? TimeSpan.FromMinutes(10), environment: quiet);
    }

    /// <summary>MSBuild's evaluation of <paramref name="properties"/> in the project at <paramref name="project"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> PropertiesAsync(string project, params string[] properties)
    {
        // With one property MSBuild prints its bare value; with two or more, JSON.
        ArgumentOutOfRangeException.ThrowIfLessThan(properties.Length, 2);
        var json = await DotnetAsync(["msbuild", project, .. properties.Select(property => $"-getProperty:{property}")], timeout: TimeSpan.FromMinutes(3));
        var values = JsonNode.Parse(json[json.IndexOf('{', StringComparison.Ordinal)..])!["Properties"]!.AsObject();
        return values.ToDictionary(pair => pair.Key, pair => (string)pair.Value!);
    }
}
