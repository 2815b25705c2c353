using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Tapback.Messaging.Json;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Messaging.Json;

/// <summary>
/// Every JSON context writes as <see cref="WireJson"/> says, and Tapback serializes only through a
/// context's <c>Wire</c> instance: the generated <c>Default</c> escapes '+', '/' and non-ASCII.
/// </summary>
public sealed partial class WireJsonTests
{
    public static TheoryData<Type> Contexts()
    {
        var contexts = new TheoryData<Type>();
        foreach (var type in typeof(WireJson).Assembly.GetTypes().Where(type => type.IsSubclassOf(typeof(JsonSerializerContext))))
        {
            contexts.Add(type);
        }

        return contexts;
    }

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Wire_OfEveryContext_WritesPlusAndNonAsciiAsThemselves(Type context)
    {
        var wire = context.GetProperty("Wire", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as JsonSerializerContext;

        Assert.True(wire is not null, $"{context.Name} has no static Wire instance: add one as the other contexts do.");
        Assert.Same(WireJson.Encoder, wire.Options.Encoder);
        Assert.Equal("\"+1 555 → é/ü\"", System.Text.Json.JsonSerializer.Serialize("+1 555 → é/ü", wire.Options));
    }

    [Fact]
    public void Sources_NeverSerializeWithAContextsDefault()
    {
        var uses = RepositoryFiles.Sources()
            .SelectMany(file => file.Text.Split('\n').Select((line, index) => (file.Path, line, index)))
            .Where(use => ContextDefault().IsMatch(use.line) && !use.line.Contains("WireJson.OptionsLike(Default.Options)", StringComparison.Ordinal))
            .Select(use => $"{use.Path}:{use.index + 1}: {use.line.Trim()}")
            .ToList();

        Assert.True(uses.Count == 0, "Use the context's Wire instance instead of Default:\n" + string.Join('\n', uses));
    }

    [GeneratedRegex(@"JsonContext\.Default\b")]
    private static partial Regex ContextDefault();
}
