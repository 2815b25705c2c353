using Tapback.Messaging;
using Tapback.Transports.MacMessages;
using Tapback.Transports.MacMessages.AppleScript;
using Tapback.Transports.MacMessages.ChatDb;

namespace Tapback.Tests.Transports.MacMessages;

/// <summary>The small pure pieces: typedstream text, Apple times, tapback codes, chat ids, AppleScript errors, start-up checks.</summary>
public sealed class MacMessagesPartsTests
{
    [Fact]
    public void TryReadText_RealBlob_ReturnsItsText()
    {
        var (blob, text) = ChatDbFixture.RealBody();

        Assert.Equal(text, AttributedBody.TryReadText(blob));
    }

    [Theory]
    [InlineData(200, false)]
    [InlineData(70_000, false)]
    [InlineData(10, true)]
    public void TryReadText_TwoAndFourByteLengths_ReturnTheWholeText(int length, bool forceFourBytes)
    {
        var text = new string('é', length / 2) + "✓";
        var blob = ChatDbFixture.LongBody(text, forceFourBytes);

        Assert.Equal(text, AttributedBody.TryReadText(blob));
    }

    [Fact]
    public void TryReadText_TruncatedOrForeignBlob_ReturnsNull()
    {
        var (blob, _) = ChatDbFixture.RealBody();

        Assert.Null(AttributedBody.TryReadText(blob.AsSpan(0, blob.AsSpan().IndexOf("NSString"u8) + 14)));
        Assert.Null(AttributedBody.TryReadText("not a typedstream"u8));
    }

    [Fact]
    public void ToDateTimeOffset_NanosecondsAndSeconds_BothReadFrom2001()
    {
        var at = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(at, AppleTime.ToDateTimeOffset(AppleTime.ToNanoseconds(at)));
        Assert.Equal(at, AppleTime.ToDateTimeOffset((long)(at - AppleTime.Epoch).TotalSeconds));
        Assert.Null(AppleTime.ToDateTimeOffset(0));
    }

    [Theory]
    [InlineData(2000, null, "love", false)]
    [InlineData(2005, null, "question", false)]
    [InlineData(3001, null, "like", true)]
    [InlineData(2006, "👍", "like", false)]
    [InlineData(3006, "❤️", "love", true)]
    public void TryParse_TapbackCodes_MapToTheSharedSet(long code, string? emoji, string expected, bool removed)
    {
        Assert.True(MacTapbacks.TryParse(code, emoji, out var reaction, out var isRemoved));
        Assert.Equal(expected, reaction.ToWire());
        Assert.Equal(removed, isRemoved);
    }

    [Fact]
    public void TryParse_StickerOrOtherEmoji_IsNotATapbackWeShare()
    {
        Assert.False(MacTapbacks.TryParse(2007, null, out _, out _));
        Assert.False(MacTapbacks.TryParse(2006, "🦄", out _, out _));
        Assert.Equal("ABC-1", MacTapbacks.TargetGuid("p:0/ABC-1"));
        Assert.Equal("ABC-1", MacTapbacks.TargetGuid("bp:ABC-1"));
    }

    [Theory]
    [InlineData("iMessage;-;+15551234567", false, "+15551234567", "iMessage")]
    [InlineData("any;-;person@example.com", false, "person@example.com", "iMessage")]
    [InlineData("SMS;-;+15551234567", false, "+15551234567", "SMS")]
    [InlineData("iMessage;+;chat123", true, "iMessage;+;chat123", "iMessage")]
    [InlineData("+15551234567", false, "+15551234567", "iMessage")]
    public void Parse_ChatIds_NameTheRightTarget(string chatId, bool isGroup, string id, string service)
    {
        Assert.Equal(new MacChatTarget(isGroup, id, service), MacChatTarget.Parse(chatId));
    }

    [Fact]
    public void ToException_NotAuthorized_ExplainsAutomationAndIsFinal()
    {
        var failure = AppleScriptErrors.ToException(new AppleScriptResult(1, string.Empty, "0:42: execution error: Not authorized to send Apple events to Messages. (-1743)\n"));

        Assert.False(failure.Retryable);
        Assert.Contains("Automation", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OnAnotherSystemWithoutTheOptIn_NamesTheSettings()
    {
        var failure = new MacMessagesOptionsValidator("home", isMacOS: false).Validate("home", new MacMessagesOptions());

        var message = Assert.Single(failure.Failures!);
        Assert.StartsWith("Tapback:Transports:home:AllowOnNonMac ", message, StringComparison.Ordinal);
        Assert.Contains("BlueBubbles", message, StringComparison.Ordinal);
        Assert.True(new MacMessagesOptionsValidator("home", isMacOS: true).Validate("home", new MacMessagesOptions()).Succeeded);
        Assert.EndsWith("chat.db", MacMessagesOptionsValidator.DatabasePath(new MacMessagesOptions()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAfterAsync_FileThatIsNotADatabase_ExplainsFullDiskAccess()
    {
        var folder = Directory.CreateTempSubdirectory("tapback-nodb-").FullName;
        try
        {
            var chatDb = new MacChatDatabase(Path.Combine(folder, "missing", "chat.db"));

            var failure = await Assert.ThrowsAsync<ChatDbException>(() => chatDb.MaxRowIdAsync());

            Assert.False(failure.Busy);
            Assert.Contains("Full Disk Access", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
