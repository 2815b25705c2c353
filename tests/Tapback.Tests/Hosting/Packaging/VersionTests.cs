using Tapback.Hosting;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Hosting.Packaging;

/// <summary>
/// One version for the server, the dotnet tool, the container image and the three SDKs, written in
/// Directory.Build.props and copied by scripts/set-version.sh into the manifests of other ecosystems.
/// </summary>
public sealed class VersionTests
{
    [Fact]
    public void ProductVersion_OfTheBuiltServer_IsTheOneVersionWithItsCommit()
    {
        Assert.Equal(TapbackProject.OneVersion, ProductVersion.Release);
        Assert.StartsWith(TapbackProject.OneVersion, ProductVersion.Informational, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifests_ThatExist_AllSayTheOneVersion()
    {
        var present = VersionedFile.All.Where(file => File.Exists(Path.Combine(RepositoryFiles.Root, file.Path))).ToList();
        Assert.Contains(present, file => file.Path == "Directory.Build.props");
        foreach (var file in present)
        {
            var versions = file.Read(File.ReadAllText(Path.Combine(RepositoryFiles.Root, file.Path)));
            Assert.True(versions.Count > 0, $"{file.Path} names no version where it should.");
            Assert.All(versions, version => Assert.True(version == TapbackProject.OneVersion, $"{file.Path} says {version}, Directory.Build.props {TapbackProject.OneVersion}: run scripts/set-version.sh {TapbackProject.OneVersion}."));
        }
    }

    [Fact]
    public async Task NuGetPackages_OfEveryProjectUnderSrc_TakeTheOneVersion()
    {
        var projects = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "src"), "*.csproj", SearchOption.AllDirectories).Order().ToList();
        Assert.Contains(projects, project => project.EndsWith("Tapback.csproj", StringComparison.Ordinal));
        foreach (var project in projects)
        {
            var properties = await TapbackProject.PropertiesAsync(project, "Version", "PackageVersion");
            Assert.True(properties["Version"] == TapbackProject.OneVersion, $"{project} builds version {properties["Version"]}: it should not set its own.");
            Assert.True(properties["PackageVersion"] == TapbackProject.OneVersion, $"{project} packs version {properties["PackageVersion"]}: it should not set its own.");
        }
    }

    [Fact]
    public async Task SetVersionScript_OnACopyOfTheManifests_ChangesOnlyTheirVersions()
    {
        var copy = Directory.CreateTempSubdirectory("tapback-version-").FullName;
        try
        {
            var copied = new Dictionary<VersionedFile, string>();
            foreach (var file in VersionedFile.All.Where(file => File.Exists(Path.Combine(RepositoryFiles.Root, file.Path))))
            {
                var target = Path.Combine(copy, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(RepositoryFiles.Root, file.Path), target);
                copied[file] = File.ReadAllText(target);
            }

            await CommandLine.RunAsync("bash", [Path.Combine(RepositoryFiles.Root, "scripts", "set-version.sh"), "9.8.7-rc.1"], TimeSpan.FromMinutes(1),
                environment: new Dictionary<string, string?> { ["TAPBACK_ROOT"] = copy });

            foreach (var (file, before) in copied)
            {
                var after = File.ReadAllText(Path.Combine(copy, file.Path));
                Assert.All(file.Read(after), version => Assert.Equal("9.8.7-rc.1", version));
                var (linesBefore, linesAfter) = (before.Split('\n'), after.Split('\n'));
                Assert.Equal(linesBefore.Length, linesAfter.Length);
                var changed = linesBefore.Zip(linesAfter).Where(pair => pair.First != pair.Second).ToList();
                Assert.All(changed, pair => Assert.Contains("9.8.7-rc.1", pair.Second, StringComparison.Ordinal));
                Assert.Equal(file.Read(before).Count, changed.Count);
            }
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
