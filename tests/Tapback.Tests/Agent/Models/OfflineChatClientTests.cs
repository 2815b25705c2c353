using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Tapback.Agent.Models;

namespace Tapback.Tests.Agent.Models;

public sealed class OfflineChatClientTests : IDisposable
{
    private readonly OfflineChatClient _client = new();

    [Fact]
    public async Task GetResponseAsync_SameInput_SameOutput()
    {
        var first = await _client.GetResponseAsync(Said("what's the weather like?"));
        using var other = new OfflineChatClient();
        var second = await other.GetResponseAsync(Said("what's the weather like?"));

        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task GetResponseAsync_AnyMessage_SaysNoModelAndHowToConfigureOne()
    {
        var text = (await _client.GetResponseAsync(Said("hello"))).Text;

        Assert.Contains("no language model", text, StringComparison.Ordinal);
        foreach (var key in (string[])["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "Ollama", "Tapback:Agent:Provider", "Tapback:Agent:Model", "Tapback:Agent:ApiKey"])
        {
            Assert.Contains(key, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetResponseAsync_AnyMessage_SeveralSentencesInParagraphsWithMarkdown()
    {
        var text = (await _client.GetResponseAsync(Said("hello"))).Text;

        var paragraphs = text.Split("\n\n");
        Assert.InRange(paragraphs.Length, 2, 3);
        Assert.True(Regex.Count(text, @"[.!?](\s|$)") >= 4, text);
        Assert.Contains("**", text, StringComparison.Ordinal);
        Assert.Contains("\n- ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_ShortMessage_QuotesItWhole()
    {
        var text = (await _client.GetResponseAsync(Said("  can you\nbook a table?  "))).Text;

        Assert.Contains("“can you book a table?”", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_LongMessage_QuotesFirstSixtyCharacters()
    {
        var message = "I was wondering whether you could help me plan a trip to Lisbon in the spring";

        var text = (await _client.GetResponseAsync(Said(message))).Text;

        Assert.Contains("“I was wondering whether you could help me plan a trip to Lis…”", text, StringComparison.Ordinal);
        Assert.DoesNotContain("spring", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_EmojiAtTheCut_IsNotSplit()
    {
        var message = new string('a', 59) + "👍🏽 and more";

        var text = (await _client.GetResponseAsync(Said(message))).Text;

        Assert.Contains(new string('a', 59) + "👍🏽…", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_QuotesTheLastUserMessage()
    {
        List<ChatMessage> messages = [new(ChatRole.User, "first"), new(ChatRole.Assistant, "reply"), new(ChatRole.User, "second")];

        var text = (await _client.GetResponseAsync(messages)).Text;

        Assert.Contains("“second”", text, StringComparison.Ordinal);
        Assert.DoesNotContain("“first”", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_NoUserText_StillExplains()
    {
        var text = (await _client.GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief.")])).Text;

        Assert.StartsWith("I got your message", text, StringComparison.Ordinal);
        Assert.Contains("ANTHROPIC_API_KEY", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_AdviceAlreadyGiven_QuotesTheMessageInOneShortLine()
    {
        var advice = (await _client.GetResponseAsync(Said("hello"))).Text;
        List<ChatMessage> messages = [new(ChatRole.User, "hello"), new(ChatRole.Assistant, advice), new(ChatRole.User, "are you there?")];

        var text = (await _client.GetResponseAsync(messages)).Text;

        Assert.StartsWith("You said: “are you there?”.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ANTHROPIC_API_KEY", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
        Assert.True(text.Length < 120, text);
    }

    [Fact]
    public async Task GetResponseAsync_AdviceOutOfViewButShortAnswerSeen_StaysShort()
    {
        // The turn's history window slid past the advice; the earlier short answer still shows it was given.
        var shortAnswer = (await _client.GetResponseAsync([new(ChatRole.User, "a"), new(ChatRole.Assistant, "no language model here"), new(ChatRole.User, "b")])).Text;
        List<ChatMessage> messages = [new(ChatRole.User, "b"), new(ChatRole.Assistant, shortAnswer), new(ChatRole.User, "c")];

        var text = (await _client.GetResponseAsync(messages)).Text;

        Assert.StartsWith("You said: “c”.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_EarlierAnswerFromAnotherModel_GivesTheAdvice()
    {
        List<ChatMessage> messages = [new(ChatRole.User, "hi"), new(ChatRole.Assistant, "Hello! How can I help?"), new(ChatRole.User, "still there?")];

        var text = (await _client.GetResponseAsync(messages)).Text;

        Assert.Contains("ANTHROPIC_API_KEY", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_LongMessageAfterAdvice_QuoteIsCut()
    {
        var advice = (await _client.GetResponseAsync(Said("hello"))).Text;
        var message = "I was wondering whether you could help me plan a trip to Lisbon in the spring";

        var text = (await _client.GetResponseAsync([new(ChatRole.User, "hello"), new(ChatRole.Assistant, advice), new(ChatRole.User, message)])).Text;

        Assert.Contains("“I was wondering whether you could help me plan a trip to Lis…”", text, StringComparison.Ordinal);
        Assert.DoesNotContain("spring", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Updates_AddUpToTheNonStreamingReply()
    {
        var whole = (await _client.GetResponseAsync(Said("hello"))).Text;

        var updates = await _client.GetStreamingResponseAsync(Said("hello")).ToListAsync();

        Assert.True(updates.Count > 1);
        Assert.Equal(whole, string.Concat(updates.Select(update => update.Text)));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_ToolsOffered_CallsNone()
    {
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(() => "never", "never_called")] };

        var response = await _client.GetResponseAsync(Said("use the tool"), options);

        Assert.DoesNotContain(response.Messages.SelectMany(message => message.Contents), content => content is FunctionCallContent);
    }

    [Fact]
    public void GetService_Metadata_NamesTheOfflineProvider()
    {
        var metadata = _client.GetService<ChatClientMetadata>();

        Assert.Equal("offline", metadata?.ProviderName);
    }

    public void Dispose() => _client.Dispose();

    private static List<ChatMessage> Said(string text) => [new(ChatRole.User, text)];
}
