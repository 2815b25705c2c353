using System.Collections.Concurrent;
using Tapback.Transports.MacMessages.AppleScript;

namespace Tapback.Tests.Transports.MacMessages;

/// <summary>
/// Stands in for osascript: records each script and its arguments, and by default plays Messages,
/// writing the sent row into the test chat.db (<see cref="OnSend"/>). A test swaps the behaviour to
/// fail with an AppleScript error or to hang past the script timeout.
/// </summary>
internal sealed class FakeAppleScriptRunner : IAppleScriptRunner
{
    public ConcurrentQueue<(string Script, IReadOnlyList<string> Arguments)> Runs { get; } = new();

    /// <summary>What Messages does with one send; the default is set by the host (write the row, succeed).</summary>
    public Func<IReadOnlyList<string>, CancellationToken, Task<AppleScriptResult>> OnSend { get; set; } =
        (_, _) => Task.FromResult(new AppleScriptResult(0, string.Empty, string.Empty));

    public IReadOnlyList<string> SentTexts => [.. Runs.Where(run => run.Arguments[3] == "text").Select(run => run.Arguments[4])];

    public Task<AppleScriptResult> RunAsync(string script, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        Runs.Enqueue((script, arguments));
        return OnSend(arguments, cancellationToken);
    }
}
