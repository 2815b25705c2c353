using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Tapback.Tests.Hosting.Packaging;

/// <summary>A file that writes Tapback's version down, and how to read each place it does.</summary>
internal sealed partial record VersionedFile(string Path, Func<string, IReadOnlyList<string>> Read)
{
    /// <summary>Every file with a copy of the version that is not derived from Directory.Build.props by MSBuild.</summary>
    public static IReadOnlyList<VersionedFile> All { get; } =
    [
        new("Directory.Build.props", text => [XDocument.Parse(text).Descendants("Version").Single().Value]),
        new("sdk/typescript/package.json", text => [(string)JsonNode.Parse(text)!["version"]!]),
        new("sdk/typescript/package-lock.json", text =>
        {
            var lockFile = JsonNode.Parse(text)!;
            return [(string)lockFile["version"]!, (string)lockFile["packages"]![""]!["version"]!];
        }),
        new("sdk/python/pyproject.toml", text =>
        {
            // The [project] table, up to the next table.
            var project = ProjectTable().Match(text);
            return project.Success ? [.. TomlVersion().Matches(project.Value).Select(match => match.Groups[1].Value)] : [];
        }),
        new("sdk/python/src/tapback/_version.py", text => [.. PythonVersion().Matches(text).Select(match => match.Groups[1].Value)]),
    ];

    [GeneratedRegex(@"^\[project\]\s*$(.*?)(?=^\[|\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ProjectTable();

    [GeneratedRegex(@"^version\s*=\s*""([^""]*)""", RegexOptions.Multiline)]
    private static partial Regex TomlVersion();

    [GeneratedRegex(@"^__version__\s*=\s*""([^""]*)""", RegexOptions.Multiline)]
    private static partial Regex PythonVersion();
}
