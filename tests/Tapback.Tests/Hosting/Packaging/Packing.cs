namespace Tapback.Tests.Hosting.Packaging;

/// <summary>
/// The tests that pack or publish src/Tapback run one after another: each runs MSBuild on the project's own
/// obj folder, which two at once would write over.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class Packing
{
    public const string Collection = "Packing";
}
