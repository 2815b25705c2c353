namespace Tapback.Hosting.Cli;

/// <summary><c>tapback --version</c>: prints the version and the commit it was built from, and exits.</summary>
internal static class VersionCommand
{
    public static bool Matches(string[] args) => args is ["--version"];

    public static int Run()
    {
        Console.Out.WriteLine($"Tapback {ProductVersion.Informational}");
        return 0;
    }
}
