using Tapback.Gateway.Attachments;

namespace Tapback.Tests.Gateway.Attachments;

/// <summary>The first bytes of each format, as their specifications define them.</summary>
public sealed class ContentTypeSnifferTests
{
    public static TheoryData<byte[], string> Formats => new()
    {
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, .."JFIF"u8], "image/jpeg" },
        { [0x89, .."PNG"u8, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "image/png" },
        { [.."GIF89a"u8, 1, 0], "image/gif" },
        { [.."RIFF"u8, 0x24, 0, 0, 0, .."WEBPVP8 "u8], "image/webp" },
        { [0, 0, 0, 0x18, .."ftypheic"u8, 0, 0, 0, 0], "image/heic" },
        { [0, 0, 0, 0x18, .."ftypmif1"u8, 0, 0, 0, 0], "image/heif" },
        { [0, 0, 0, 0x20, .."ftypisom"u8, 0, 0, 2, 0], "video/mp4" },
        { [0, 0, 0, 0x14, .."ftypqt  "u8, 0, 0, 0, 0], "video/quicktime" },
        { [0, 0, 0, 0x1C, .."ftypM4A "u8, 0, 0, 0, 0], "audio/mp4" },
        { [.."caff"u8, 0, 1, 0, 0], "audio/x-caf" },
        { [.."%PDF-1.7"u8], "application/pdf" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Sniff_KnownFormat_NamesIt(byte[] head, string expected) =>
        Assert.Equal(expected, ContentTypeSniffer.Sniff(head));

    [Fact]
    public void Resolve_HeicLabelOnJpegBytes_TheBytesWin() =>
        Assert.Equal("image/jpeg", ContentTypeSniffer.Resolve("image/heic", [0xFF, 0xD8, 0xFF, 0xE1, 0, 0]));

    [Theory]
    [InlineData("image/jpg")]
    [InlineData("IMAGE/JPEG")]
    public void Resolve_LabelNamesTheSameFormat_LabelKept(string label) =>
        Assert.Equal(label, ContentTypeSniffer.Resolve(label, [0xFF, 0xD8, 0xFF, 0xE1]));

    [Theory]
    [InlineData("text/plain", "hello")]
    [InlineData("audio/x-m4a", "\0\0\0\u0018ftypmp42\0\0\0\0")]
    public void Resolve_BytesUnknownOrAGenericContainerUnderAnAudioLabel_LabelKept(string label, string content) =>
        Assert.Equal(label, ContentTypeSniffer.Resolve(label, System.Text.Encoding.Latin1.GetBytes(content)));
}
