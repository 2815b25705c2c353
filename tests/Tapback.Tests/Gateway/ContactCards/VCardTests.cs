using System.Text;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.ContactCards;

namespace Tapback.Tests.Gateway.ContactCards;

/// <summary>The vCard writer against the rules of RFC 6350 §3.2 (folding) and §3.4 (escaping), shared with vCard 3.0.</summary>
public sealed class VCardTests
{
    [Fact]
    public void ToBytes_AgentCard_IsAVersion3CardWithNameNumberAndTitleInCrlfLines()
    {
        var text = Encoding.UTF8.GetString(new VCard { Name = "Ada", Phone = "+15551230000", Title = "AI agent" }.ToBytes());

        Assert.Equal(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Tapback//Contact Card//EN\r\nN:Ada;;;;\r\nFN:Ada\r\nTITLE:AI agent\r\n"
            + "TEL;TYPE=CELL;TYPE=VOICE;TYPE=pref:+15551230000\r\nEND:VCARD\r\n",
            text);
    }

    [Fact]
    public void ToBytes_EmailHandle_IsAnEmailNotATel()
    {
        var text = Encoding.UTF8.GetString(new VCard { Name = "Ada", Email = "ada@example.com" }.ToBytes());

        Assert.Contains("\r\nEMAIL;TYPE=INTERNET;TYPE=pref:ada@example.com\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("TEL", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Smith, Jones; Co", "Smith\\, Jones\\; Co")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("two\r\nlines\nthree", "two\\nlines\\nthree")]
    [InlineData("bell\u0007less", "bellless")]
    public void Escape_SpecialCharacters_AreEscapedOrDropped(string value, string escaped) =>
        Assert.Equal(escaped, VCard.Escape(value));

    [Fact]
    public void Fold_LongLineOfMultibyteText_BreaksAt75OctetsNeverInsideACharacter()
    {
        var line = "FN:" + string.Concat(Enumerable.Repeat("é🙂", 40));

        var folded = VCard.Fold(line);

        var parts = folded.Split("\r\n");
        Assert.True(parts.Length > 1);
        Assert.All(parts, part => Assert.InRange(Encoding.UTF8.GetByteCount(part), 1, 75));
        Assert.All(parts.Skip(1), part => Assert.StartsWith(" ", part, StringComparison.Ordinal));
        // Unfolding (drop each CRLF and the one space after it) gives the line back.
        Assert.Equal(line, folded.Replace("\r\n ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Fold_ShortLine_IsUnchanged() => Assert.Equal("FN:Ada", VCard.Fold("FN:Ada"));

    [Theory]
    [InlineData("Ada", "Ada.vcf")]
    [InlineData("../../etc/passwd", "_.._etc_passwd.vcf")]
    [InlineData("///", "___.vcf")]
    [InlineData("...", "contact.vcf")]
    public void FileName_AnyBotName_IsOneSafeName(string name, string fileName) => Assert.Equal(fileName, AgentContactCards.FileName(name));

    [Theory]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\n", "text/plain")]
    [InlineData("\uFEFFbegin:vcard\r\n", "application/octet-stream")]
    public void Sniff_ACardServedAsAnotherType_IsTextVcard(string content, string label) =>
        Assert.Equal("text/vcard", ContentTypeSniffer.Resolve(label, Encoding.UTF8.GetBytes(content)));

    [Fact]
    public void Sniff_ACardLabelledXVcard_KeepsItsLabel() =>
        Assert.Equal("text/x-vcard", ContentTypeSniffer.Resolve("text/x-vcard", "BEGIN:VCARD\r\n"u8));
}
