using Tapback.Agent.Media;
using Tapback.Tests.Infrastructure;
using static Tapback.Tests.Agent.Media.MediaTestKit;

namespace Tapback.Tests.Agent.Media;

/// <summary>
/// Voice notes as an iPhone sends them (Opus in CAF, from Fixtures/Media) are converted with the
/// machine's ffmpeg and transcribed at a fake OpenAI-compatible endpoint on loopback.
/// </summary>
public sealed class VoiceNoteTests
{
    [Fact]
    public async Task Caf_WithATranscriber_ModelSeesTheTranscript()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var speech = new FakeTranscriptionServer { ApiKey = "stt-key" };
        await speech.StartAsync();
        speech.Reply = _ => "Pick up milk on the way home";
        await using var host = await StartAsync(model, Transcriber(speech));

        await SendFileAsync(host, "", "Audio Message.caf", "audio/x-caf", await File.ReadAllBytesAsync(Fixture("voice.caf")));
        await host.WaitForRepliesAsync(Phone);

        var parts = LastUserParts(Assert.Single(model.Requests));
        Assert.Equal("[Voice note: \"Pick up milk on the way home\"]", (string?)Assert.Single(parts)!["text"]);
        var request = Assert.Single(speech.Requests);
        Assert.Equal("whisper-test", request.Model);
        Assert.Equal("stt-key", request.ApiKey);
        Assert.EndsWith(".wav", request.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caf_SentToTheTranscriber_Is16kMonoWavOfTheWholeNote()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var speech = new FakeTranscriptionServer { ApiKey = "stt-key" };
        await speech.StartAsync();
        await using var host = await StartAsync(model, Transcriber(speech));

        await SendFileAsync(host, "", "Audio Message.caf", "audio/x-caf", await File.ReadAllBytesAsync(Fixture("voice.caf")));
        await host.WaitForRepliesAsync(Phone);

        var wav = Assert.Single(speech.Requests).File;
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(wav, 8, 4));
        Assert.Equal(1, BitConverter.ToInt16(wav, 22));
        Assert.Equal(16_000, BitConverter.ToInt32(wav, 24));
        Assert.Equal(16, BitConverter.ToInt16(wav, 34));
        // The fixture is two seconds long: 2 s × 16,000 samples × 2 bytes, give or take the codec's padding.
        Assert.InRange(wav.Length, 62_000, 68_000);
    }

    [Fact]
    public async Task VoiceNote_OnLaterTurns_IsTranscribedOnce()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var speech = new FakeTranscriptionServer { ApiKey = "stt-key" };
        await speech.StartAsync();
        speech.Reply = _ => "call mom";
        await using var host = await StartAsync(model, Transcriber(speech));

        await SendFileAsync(host, "", "Audio Message.caf", "audio/x-caf", await File.ReadAllBytesAsync(Fixture("voice.caf")));
        await host.WaitForRepliesAsync(Phone);
        await host.SendAsync(Phone, "did you get that?");
        await host.WaitForRepliesAsync(Phone, count: 2);

        Assert.Equal(2, model.RequestCount);
        Assert.Single(speech.Requests);
        Assert.Equal(
            [new("user", "[Voice note: \"call mom\"]"), new("assistant", FakeChatServer.DefaultReply), new("user", "did you get that?")],
            model.Requests[1].Messages);
    }

    [Fact]
    public async Task VoiceNote_WithNoTranscriber_ModelIsToldToSayItCannotListenYet()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model);

        await SendFileAsync(host, "", "Audio Message.caf", "audio/x-caf", await File.ReadAllBytesAsync(Fixture("voice.caf")));
        await host.WaitForRepliesAsync(Phone);

        var texts = LastUserParts(Assert.Single(model.Requests)).Select(part => (string?)part!["text"]).ToList();
        Assert.Equal([AttachmentRenderer.TranscriptionUnavailable, AttachmentRenderer.CannotListenNote], texts);
        Assert.Contains("cannot listen to voice notes yet", AttachmentRenderer.CannotListenNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VoiceNote_WithoutFfmpeg_ModelIsToldItCouldNotBeTranscribed()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var speech = new FakeTranscriptionServer { ApiKey = "stt-key" };
        await speech.StartAsync();
        var settings = Transcriber(speech);
        settings["Tapback:Agent:Media:FfmpegPath"] = "/nonexistent/ffmpeg";
        await using var host = await StartAsync(model, settings);

        await SendFileAsync(host, "", "Audio Message.caf", "audio/x-caf", await File.ReadAllBytesAsync(Fixture("voice.caf")));
        await host.WaitForRepliesAsync(Phone);

        var texts = LastUserParts(Assert.Single(model.Requests)).Select(part => (string?)part!["text"]).ToList();
        Assert.Equal([AttachmentRenderer.CouldNotTranscribe, AttachmentRenderer.CouldNotTranscribeNote], texts);
        Assert.Empty(speech.Requests);
    }

    [Fact]
    public async Task VoiceNote_TranscriberRefuses_TurnStillAnswersAndSaysSo()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        // 400, not 5xx: the SDK retries server errors with real-time backoff.
        await using var speech = new FakeTranscriptionServer { ApiKey = "stt-key", FailWith = 400 };
        await speech.StartAsync();
        await using var host = await StartAsync(model, Transcriber(speech));

        await SendFileAsync(host, "", "Audio Message.caf", "audio/x-caf", await File.ReadAllBytesAsync(Fixture("voice.caf")));
        var events = await host.WaitForRepliesAsync(Phone);

        Assert.Single(speech.Requests);
        Assert.Equal(AttachmentRenderer.CouldNotTranscribe, (string?)LastUserParts(Assert.Single(model.Requests))[0]!["text"]);
        Assert.Equal(FakeChatServer.DefaultReply, events.Last(e => e.Type == "message.received").Text);
    }

    private static Dictionary<string, string?> Transcriber(FakeTranscriptionServer speech) => new()
    {
        ["Tapback:Agent:SpeechToText:Provider"] = "openai-compatible",
        ["Tapback:Agent:SpeechToText:BaseUrl"] = speech.BaseUrl.ToString(),
        ["Tapback:Agent:SpeechToText:ApiKey"] = "stt-key",
        ["Tapback:Agent:SpeechToText:Model"] = "whisper-test",
    };
}
