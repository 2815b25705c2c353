using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Agent.Media.Voice;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;
using static Tapback.Tests.Agent.Media.MediaTestKit;

namespace Tapback.Tests.Agent.Media;

/// <summary>
/// Voice in, voice out: a voice note (the iPhone fixture, transcribed at a fake endpoint) is answered
/// with a voice memo spoken by a fake OpenAI speech endpoint on loopback and made by the machine's ffmpeg.
/// </summary>
public sealed class VoiceReplyTests
{
    [Fact]
    public async Task VoiceNote_WithTextToSpeech_IsAnsweredWithAVoiceMemoWhoseTextIsKept()
    {
        await using var rig = await VoiceRig.StartAsync();
        var (model, speaker, host) = (rig.Model, rig.Speaker, rig.Host);

        await SendVoiceNoteAsync(host);
        var events = await host.WaitForRepliesAsync(Phone);

        var request = Assert.Single(speaker.Requests);
        Assert.Equal(("tts-test", "nova", FakeChatServer.DefaultReply, "wav", "tts-key"), (request.Model, request.Voice, request.Input, request.ResponseFormat, request.ApiKey));
        var reply = Assert.Single(events, e => e.Type == "message.received");
        Assert.True(string.IsNullOrEmpty(reply.Text));
        var memo = Assert.Single(reply.Attachments ?? []);
        Assert.Equal(("audio/x-caf", "Audio Message.caf"), (memo.ContentType, memo.FileName));
        var bytes = await host.Client.GetByteArrayAsync(memo.Url);
        Assert.Equal("caff", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("opus", System.Text.Encoding.ASCII.GetString(bytes, 28, 4));
        Assert.Equal(FakeChatServer.DefaultReply, await BodyAsync(host, reply.MessageId!));
    }

    [Fact]
    public async Task VoiceNote_TheNextTurn_ModelRemembersTheSpokenAnswerAsText()
    {
        await using var rig = await VoiceRig.StartAsync();
        var (model, speaker, host) = (rig.Model, rig.Speaker, rig.Host);

        await SendVoiceNoteAsync(host);
        await host.WaitForRepliesAsync(Phone);
        await host.SendAsync(Phone, "and typed?");
        var events = await host.WaitForRepliesAsync(Phone, count: 2);

        var remembered = model.Requests[1].Messages.Single(message => message.Role == "assistant");
        Assert.Contains(FakeChatServer.DefaultReply, remembered.Text, StringComparison.Ordinal);
        // A typed message is answered in text: only the voice note was spoken.
        Assert.Single(speaker.Requests);
        Assert.Equal(FakeChatServer.DefaultReply, events.Last(e => e.Type == "message.received").Text);
    }

    [Fact]
    public async Task VoiceNote_SpeechEndpointFails_AnswerGoesAsText()
    {
        // 400, not 5xx: the SDK retries server errors with real-time backoff.
        await using var rig = await VoiceRig.StartAsync(speakerFailsWith: 400);

        await AssertAnsweredInTextAsync(rig);

        Assert.Single(rig.Speaker.Requests);
    }

    [Fact]
    public async Task VoiceNote_TextToSpeechOff_AnswerGoesAsTextAndNothingIsSpoken()
    {
        await using var rig = await VoiceRig.StartAsync(speaking: false);

        await AssertAnsweredInTextAsync(rig);

        Assert.Empty(rig.Speaker.Requests);
    }

    [Fact]
    public async Task VoiceNote_AnswerLongerThanMaxCharacters_GoesAsTextAndNothingIsSpoken()
    {
        await using var rig = await VoiceRig.StartAsync(maxCharacters: 5);

        await AssertAnsweredInTextAsync(rig);

        Assert.Empty(rig.Speaker.Requests);
    }

    [Fact]
    public void Validate_EveryBadKey_IsNamed()
    {
        var result = new TextToSpeechSettingsValidator().Validate(null, new TextToSpeechSettings
        {
            Enabled = true,
            BaseUrl = new Uri("ftp://speech.example.com/v1"),
            Model = " ",
            Voice = "",
            ResponseFormat = "pcm",
            MaxCharacters = 5000,
            Timeout = TimeSpan.Zero,
        });

        var failures = string.Join('\n', result.Failures ?? []);
        foreach (var key in (string[])["BaseUrl", "Model", "Voice", "ResponseFormat", "MaxCharacters", "Timeout"])
        {
            Assert.Contains($"{TextToSpeechSettings.SectionName}:{key} ", failures, StringComparison.Ordinal);
        }
    }

    /// <summary>The phone sends a voice note and gets the model's answer as one text bubble, no file.</summary>
    private static async Task AssertAnsweredInTextAsync(VoiceRig rig)
    {
        await SendVoiceNoteAsync(rig.Host);
        var events = await rig.Host.WaitForRepliesAsync(Phone);

        var reply = Assert.Single(events, e => e.Type == "message.received");
        Assert.Equal(FakeChatServer.DefaultReply, reply.Text);
        Assert.Empty(reply.Attachments ?? []);
    }

    private static async Task SendVoiceNoteAsync(TapbackTestHost host) =>
        await SendFileAsync(host, "", "Audio Message.caf", "audio/x-caf", await File.ReadAllBytesAsync(Fixture("voice.caf")));

    private static async Task<string> BodyAsync(TapbackTestHost host, string messageId)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT body FROM messages WHERE id = @messageId", new { messageId }) ?? "";
    }

    /// <summary>Tapback on a fake model, a fake transcriber and a fake speech endpoint, all on loopback.</summary>
    private sealed class VoiceRig : IAsyncDisposable
    {
        public required FakeOpenAIServer Model { get; init; }
        public required FakeTranscriptionServer Listener { get; init; }
        public required FakeSpeechServer Speaker { get; init; }
        public TapbackTestHost Host { get; private set; } = null!;

        public static async Task<VoiceRig> StartAsync(bool speaking = true, int? speakerFailsWith = null, int maxCharacters = 1500)
        {
            var rig = new VoiceRig
            {
                Model = new FakeOpenAIServer { ApiKey = "k" },
                Listener = new FakeTranscriptionServer { ApiKey = "stt-key", Reply = _ => "Say something back" },
                Speaker = new FakeSpeechServer { FailWith = speakerFailsWith },
            };
            await rig.Model.StartAsync();
            await rig.Listener.StartAsync();
            await rig.Speaker.StartAsync();
            rig.Host = await MediaTestKit.StartAsync(rig.Model, new Dictionary<string, string?>
            {
                ["Tapback:Agent:SpeechToText:Provider"] = "openai-compatible",
                ["Tapback:Agent:SpeechToText:BaseUrl"] = rig.Listener.BaseUrl.ToString(),
                ["Tapback:Agent:SpeechToText:ApiKey"] = "stt-key",
                ["Tapback:Agent:SpeechToText:Model"] = "whisper-test",
                ["Tapback:Agent:TextToSpeech:Enabled"] = speaking ? "true" : "false",
                ["Tapback:Agent:TextToSpeech:BaseUrl"] = rig.Speaker.BaseUrl.ToString(),
                ["Tapback:Agent:TextToSpeech:ApiKey"] = "tts-key",
                ["Tapback:Agent:TextToSpeech:Model"] = "tts-test",
                ["Tapback:Agent:TextToSpeech:Voice"] = "nova",
                ["Tapback:Agent:TextToSpeech:MaxCharacters"] = maxCharacters.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            return rig;
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await Speaker.DisposeAsync();
            await Listener.DisposeAsync();
            await Model.DisposeAsync();
        }
    }
}
