using ImageMagick;
using Tapback.Tests.Infrastructure;
using static Tapback.Tests.Agent.Media.MediaTestKit;

namespace Tapback.Tests.Agent.Media;

/// <summary>Photos sent from the phone reach the model as image content it accepts.</summary>
public sealed class PhotoTests
{
    [Fact]
    public async Task Heic_FromAnIPhone_ReachesTheModelAsAJpegScaledTo1568()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model);

        await SendFileAsync(host, "what is this?", "IMG_0001.HEIC", "image/heic", await File.ReadAllBytesAsync(Fixture("IMG_0001.HEIC")));
        await host.WaitForRepliesAsync(Phone);

        var parts = LastUserParts(Assert.Single(model.Requests));
        Assert.Equal("what is this?", (string?)parts[0]!["text"]);
        Assert.Equal("[sent a photo: IMG_0001.HEIC]", (string?)parts[1]!["text"]);
        var (mediaType, bytes) = DecodeDataUrl(Assert.Single(ImageUrls(parts)));
        Assert.Equal("image/jpeg", mediaType);
        var image = new MagickImageInfo(bytes);
        Assert.Equal(MagickFormat.Jpeg, image.Format);
        Assert.Equal((1568u, 1176u), (image.Width, image.Height));
    }

    [Fact]
    public async Task Heic_ShownOnALaterTurn_IsConvertedOnceAndReused()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model);

        await SendFileAsync(host, "", "IMG_0001.HEIC", "image/heic", await File.ReadAllBytesAsync(Fixture("IMG_0001.HEIC")));
        await host.WaitForRepliesAsync(Phone);
        var converted = Assert.Single(Directory.GetFiles(Path.Combine(host.DataDirectory, "attachments"), "*.jpg"));
        var firstWrite = File.GetLastWriteTimeUtc(converted);
        await host.SendAsync(Phone, "and now?");
        await host.WaitForRepliesAsync(Phone, count: 2);

        Assert.Equal(2, model.RequestCount);
        Assert.Equal(firstWrite, File.GetLastWriteTimeUtc(Assert.Single(Directory.GetFiles(Path.Combine(host.DataDirectory, "attachments"), "*.jpg"))));
        var firstImage = Assert.Single(ImageUrls(LastUserParts(model.Requests[0])));
        var secondTurn = System.Text.Json.Nodes.JsonNode.Parse(model.Requests[1].RawJson)!["messages"]!.AsArray()
            .Where(message => message!["content"] is System.Text.Json.Nodes.JsonArray)
            .SelectMany(message => ImageUrls(message!["content"]!.AsArray()));
        Assert.Equal(firstImage, Assert.Single(secondTurn));
    }

    [Fact]
    public async Task Png_ThatFits_PassesThroughUnchanged()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model);
        using var small = new MagickImage(MagickColors.SteelBlue, 200, 100);
        var png = small.ToByteArray(MagickFormat.Png);

        await SendFileAsync(host, "", "chart.png", "image/png", png);
        await host.WaitForRepliesAsync(Phone);

        var (mediaType, bytes) = DecodeDataUrl(Assert.Single(ImageUrls(LastUserParts(Assert.Single(model.Requests)))));
        Assert.Equal("image/png", mediaType);
        Assert.Equal(png, bytes);
    }

    [Fact]
    public async Task Photos_MoreThanTheLimit_OlderOnesAreNamedOnly()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model, new Dictionary<string, string?> { ["Tapback:Agent:Media:MaxImagesInPrompt"] = "1" });
        using var first = new MagickImage(MagickColors.Red, 50, 50);
        using var second = new MagickImage(MagickColors.Green, 50, 50);

        await SendFileAsync(host, "", "red.png", "image/png", first.ToByteArray(MagickFormat.Png));
        await host.WaitForRepliesAsync(Phone);
        await SendFileAsync(host, "", "green.png", "image/png", second.ToByteArray(MagickFormat.Png));
        await host.WaitForRepliesAsync(Phone, count: 2);

        var json = model.Requests[1].RawJson;
        Assert.Contains("[sent a photo earlier: red.png, no longer shown]", json, StringComparison.Ordinal);
        Assert.Single(ImageUrls(LastUserParts(model.Requests[1])));
    }

    [Fact]
    public async Task File_NotAPhotoOrVoiceNote_IsDescribedByNameTypeAndSize()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model);

        await SendFileAsync(host, "see attached", "report.pdf", "application/pdf", new byte[12 * 1024]);
        await host.WaitForRepliesAsync(Phone);

        var parts = LastUserParts(Assert.Single(model.Requests));
        Assert.Equal("[sent a file: report.pdf (application/pdf, 12 KB)]", (string?)parts[1]!["text"]);
    }

    [Fact]
    public async Task Photo_ThatIsNotAnImage_IsDescribedInsteadOfFailingTheTurn()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await StartAsync(model);

        await SendFileAsync(host, "", "broken.jpg", "image/jpeg", "not a jpeg"u8.ToArray());
        var events = await host.WaitForRepliesAsync(Phone);

        var parts = LastUserParts(Assert.Single(model.Requests));
        Assert.Equal("[sent a photo that could not be opened: broken.jpg (image/jpeg, 10 bytes)]", (string?)Assert.Single(parts)!["text"]);
        Assert.Equal(FakeChatServer.DefaultReply, events.Last(e => e.Type == "message.received").Text);
    }
}
