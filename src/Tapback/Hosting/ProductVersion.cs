using System.Reflection;

namespace Tapback.Hosting;

/// <summary>
/// The version this build of Tapback reports everywhere (<c>tapback --version</c>, the startup log, the
/// dashboard's System page, MCP's server info): <c>Version</c> of Directory.Build.props, with the
/// commit it was built from after a <c>+</c> when the build knew it (SourceLink reads it from git).
/// </summary>
internal static class ProductVersion
{
    /// <summary>For example <c>0.15.0+3aac9f0…</c>; just <c>0.15.0</c> when built outside a git checkout.</summary>
    public static string Informational { get; } =
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ProductVersion).Assembly.GetName().Version?.ToString(3)
        ?? "unknown";

    /// <summary>The release alone (<c>0.15.0</c>), for protocol fields that expect a plain version.</summary>
    public static string Release { get; } = Informational.Split('+')[0];
}
