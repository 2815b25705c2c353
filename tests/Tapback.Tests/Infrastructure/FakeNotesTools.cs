using System.Collections.Concurrent;
using System.ComponentModel;
using ModelContextProtocol.Server;

namespace Tapback.Tests.Infrastructure;

/// <summary>The tools <see cref="FakeMcpServer"/> serves, recording every call a test can assert on.</summary>
[McpServerToolType]
internal sealed class FakeNotesTools
{
    private readonly ConcurrentDictionary<string, string> _notes = new(StringComparer.Ordinal) { ["shopping"] = "milk, eggs" };

    public ConcurrentQueue<string> Calls { get; } = new();

    public bool Has(string name) => _notes.ContainsKey(name);

    [McpServerTool(Name = "read_note", ReadOnly = true, Destructive = false), Description("Reads a note by name.")]
    public string ReadNote([Description("The note's name.")] string name)
    {
        Calls.Enqueue($"read_note:{name}");
        return _notes.TryGetValue(name, out var text) ? text : $"No note named {name}.";
    }

    [McpServerTool(Name = "delete_note", Destructive = true), Description("Deletes a note for good.")]
    public string DeleteNote([Description("The note's name.")] string name)
    {
        Calls.Enqueue($"delete_note:{name}");
        return _notes.TryRemove(name, out _) ? $"Deleted {name}." : $"No note named {name}.";
    }
}
