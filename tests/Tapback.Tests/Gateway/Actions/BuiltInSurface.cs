using Microsoft.Extensions.DependencyInjection;
using Tapback.Agent.Tools;
using Tapback.Gateway.Conversations;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>
/// The built-in agent's tools, as a turn in <paramref name="conversationId"/> calls them: the result
/// string the model reads. Its one action tool is <c>react</c> (the turn sends, types and reads itself);
/// a key is the turn's, so the same key is the same turn run again.
/// </summary>
internal sealed class BuiltInSurface(TapbackTestHost host, string conversationId)
{
    private const string DonePrefix = "Done:";
    private const string RefusedPrefix = "Not done: ";

    public const string Name = "built-in agent";

    public async Task<ActionOutcome> ReactAsync(string messageId, string reaction, string? key)
    {
        var turn = await TurnAsync(messageId, key);
        var said = await host.Services.GetRequiredService<BuiltInTools>().ReactAsync(turn, reaction, CancellationToken.None);
        return said.StartsWith(DonePrefix, StringComparison.Ordinal)
            ? ActionOutcome.Done(messageId)
            : ActionOutcome.Refused(said.StartsWith(RefusedPrefix, StringComparison.Ordinal) ? said[RefusedPrefix.Length..] : said);
    }

    /// <summary>The names of the tools a turn in this conversation is offered.</summary>
    public async Task<IReadOnlyList<string>> ToolNamesAsync() =>
        [.. host.Services.GetRequiredService<BuiltInTools>().For(await TurnAsync(null, null)).Select(tool => tool.Name)];

    private async Task<ToolTurn> TurnAsync(string? messageId, string? key) => new()
    {
        Conversation = (await host.Services.GetRequiredService<ConversationReader>().FindAsync(conversationId))!,
        TurnKey = key ?? $"turn:test-{Guid.NewGuid():N}",
        ReplyToMessageId = messageId,
    };
}
