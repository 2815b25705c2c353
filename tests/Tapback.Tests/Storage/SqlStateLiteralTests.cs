using System.Reflection;
using System.Text.RegularExpressions;
using Tapback.Agent.Tools;
using Tapback.Gateway.Outbox;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Storage;

/// <summary>
/// SQL names a state, kind or direction by the constant of the folder that owns the column
/// (<c>'{OutboxStates.Queued}'</c>), never by a literal beside it: a literal is a second home for the
/// value, missed when the value changes and by a search for who uses it.
/// </summary>
public sealed partial class SqlStateLiteralTests
{
    // Literals that look like a value but are not one of Tapback's columns.
    private static readonly (string File, string Literal)[] Allowed =
    [
        // chat.db's own table, read by MacMessages: Apple's name, not a kind.
        ("Tapback/Transports/MacMessages/ChatDb/MacChatDatabase.cs", "pragma_table_info('message')"),
    ];

    [Fact]
    public void Sources_WriteNoStateLiteralInSql()
    {
        var values = Values();
        var found = RepositoryFiles.Sources()
            .SelectMany(file => Literals(file.Path, file.Text, values))
            .Where(hit => !Allowed.Any(allowed => allowed.File == hit.File && hit.Line.Contains(allowed.Literal, StringComparison.Ordinal)))
            .Select(hit => $"{hit.File}:{hit.LineNumber}: {hit.Line.Trim()}")
            .ToList();

        Assert.True(found.Count == 0, "Interpolate the state's constant ('{OutboxStates.Queued}') instead of the literal:\n" + string.Join('\n', found));
    }

    [Fact]
    public void Scan_OfALiteralBesideItsConstant_FindsIt()
    {
        const string source = """
            var sql = $"UPDATE outbox SET state = '{OutboxStates.Done}' WHERE state IN ('queued',
                'reconciling') AND kind <> 'typing_on'";
            // a comment may say 'queued'
            """;

        var hits = Literals("Example.cs", source, Values()).Select(hit => (hit.LineNumber, hit.Value)).ToList();

        Assert.Equal([(1, "queued"), (2, "reconciling"), (2, "typing_on")], hits);
    }

    [Fact]
    public void Values_IncludeEveryStateClass()
    {
        var values = Values();

        Assert.Contains(OutboxStates.Reconciling, values);
        Assert.Contains(PausedTurnStore.Waiting, values);
        Assert.Contains("deleted", values);
        Assert.Contains("dead", values);
    }

    /// <summary>
    /// The values of every constant class of a column (named …States, …Statuses, …Kinds, …Directions,
    /// …EventTypes or …Reports), and the paused turns' states, which their store declares.
    /// </summary>
    private static HashSet<string> Values()
    {
        string[] suffixes = ["States", "Statuses", "Kinds", "Directions", "EventTypes", "Reports"];
        var classes = typeof(Database).Assembly.GetTypes()
            .Where(type => suffixes.Any(suffix => type.Name.EndsWith(suffix, StringComparison.Ordinal)))
            .Append(typeof(PausedTurnStore));
        return [.. classes
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(field => field is { IsLiteral: true } && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Where(value => value.Length > 0 && !value.Contains('\''))];
    }

    private static IEnumerable<(string File, int LineNumber, string Line, string Value)> Literals(string file, string text, HashSet<string> values)
    {
        // Comment lines may name a state in prose; blank them but keep the line numbers.
        var code = CommentLine().Replace(text, string.Empty);
        var lines = code.Split('\n');
        foreach (Match match in SqlLiteral().Matches(code))
        {
            var value = match.Groups["value"].Value;
            if (values.Contains(value))
            {
                var lineNumber = code.AsSpan(0, match.Groups["value"].Index).Count('\n') + 1;
                yield return (file, lineNumber, lines[lineNumber - 1], value);
            }
        }
    }

    // A quoted word where SQL compares, assigns or lists a value: after =, <>, (, a comma, THEN, ELSE or IN,
    // on the same line or the one before (a VALUES list broken over lines).
    [GeneratedRegex(@"(?:=|<>|\(|,|\bTHEN|\bELSE|\bIN)\s*'(?<value>[a-z][a-z_.\-]*)'")]
    private static partial Regex SqlLiteral();

    [GeneratedRegex(@"^[ \t]*//[^\n]*", RegexOptions.Multiline)]
    private static partial Regex CommentLine();
}
