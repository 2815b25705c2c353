namespace Tapback.Tests.Infrastructure;

/// <summary>The checkout the tests run from: the folder above the test binaries that holds Tapback.slnx.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
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
