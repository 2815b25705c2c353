namespace Tapback.Tests.Infrastructure;

/// <summary>The checkout the tests run from, for tests that read the sources or run the repository's own tools.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>Every C# file under <c>src</c> (generated <c>obj</c> output left out), as a path and its text.</summary>
    public static IEnumerable<(string Path, string Text)> Sources()
    {
        var src = Path.Combine(Root, "src");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => (Path.GetRelativePath(src, path).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(path)));
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Tapback.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Tapback.slnx above {AppContext.BaseDirectory}.");
    }
}
