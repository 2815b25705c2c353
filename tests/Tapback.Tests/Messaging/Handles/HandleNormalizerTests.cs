using Tapback.Messaging.Handles;

namespace Tapback.Tests.Messaging.Handles;

public sealed class HandleNormalizerTests
{
    [Theory]
    [InlineData("+1 (555) 123-4567", "+15551234567")]
    [InlineData("555-123-4567", "+15551234567")]
    [InlineData("(555) 123-4567", "+15551234567")]
    [InlineData("1-555-123-4567", "+15551234567")]
    [InlineData("+15551234567", "+15551234567")]
    [InlineData("  +1.555.123.4567  ", "+15551234567")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("tel:+1-555-123-4567", "+15551234567")]
    [InlineData("TEL:5551234567", "+15551234567")]
    public void TryNormalize_PhoneNumber_ReturnsE164(string raw, string expected)
    {
        Assert.True(HandleNormalizer.TryNormalize(raw, out var handle));
        Assert.Equal(expected, handle);
    }

    [Fact]
    public void TryNormalize_NationalNumberWithOtherRegion_UsesThatRegion()
    {
        Assert.True(HandleNormalizer.TryNormalize("020 7946 0958", out var handle, "GB"));
        Assert.Equal("+442079460958", handle);
    }

    [Fact]
    public void TryNormalize_FictionalUs555Number_IsAccepted()
    {
        // 555 numbers are not valid in the numbering plan, but every test and doc uses them.
        Assert.True(HandleNormalizer.TryNormalize("+15550100000", out var handle));
        Assert.Equal("+15550100000", handle);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello")]
    [InlineData("call me maybe")]
    [InlineData("1-800-FLOWERS")]
    [InlineData("123")]
    [InlineData("555-1234")]
    [InlineData("+1 555 123 4567 8901 2345")]
    [InlineData("+999 123 456 789")]
    [InlineData("tel:")]
    [InlineData("+1 555 123 4567 ext. 89")]
    public void TryNormalize_NotAPhoneOrEmail_ReturnsFalse(string? raw)
    {
        Assert.False(HandleNormalizer.TryNormalize(raw, out var handle));
        Assert.Null(handle);
    }

    [Fact]
    public void TryNormalize_UnknownDefaultRegionWithNationalNumber_ReturnsFalse()
    {
        Assert.False(HandleNormalizer.TryNormalize("555-123-4567", out _, "ZZ"));
    }

    [Theory]
    [InlineData("Alice@Example.COM", "alice@example.com")]
    [InlineData("  bob@example.com  ", "bob@example.com")]
    [InlineData("mailto:Carol@Example.org", "carol@example.org")]
    [InlineData("MAILTO: dave@mail.example.co.uk", "dave@mail.example.co.uk")]
    [InlineData("first.last+tag@sub.example.io", "first.last+tag@sub.example.io")]
    public void TryNormalize_Email_ReturnsLowerCaseTrimmed(string raw, string expected)
    {
        Assert.True(HandleNormalizer.TryNormalize(raw, out var handle));
        Assert.Equal(expected, handle);
    }

    [Theory]
    [InlineData("alice@localhost")]
    [InlineData("@example.com")]
    [InlineData("alice@@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("alice@.example.com")]
    [InlineData("alice@example.")]
    [InlineData("alice@example..com")]
    [InlineData("al ice@example.com")]
    [InlineData("mailto:")]
    [InlineData("mailto:alice")]
    public void TryNormalize_MalformedEmail_ReturnsFalse(string raw)
    {
        Assert.False(HandleNormalizer.TryNormalize(raw, out _));
    }

    [Fact]
    public void Normalize_Phone_ReturnsE164()
    {
        Assert.Equal("+15551234567", HandleNormalizer.Normalize("(555) 123-4567"));
    }

    [Fact]
    public void Normalize_Email_ReturnsLowerCase()
    {
        Assert.Equal("alice@example.com", HandleNormalizer.Normalize("Alice@Example.com"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("hello", "only digits")]
    [InlineData("123", "not a possible phone number")]
    [InlineData("alice@localhost", "domain with a dot")]
    [InlineData("a@b@example.com", "exactly one '@'")]
    [InlineData("@example.com", "name before the '@'")]
    public void Normalize_Invalid_ThrowsArgumentExceptionNamingTheProblem(string raw, string problem)
    {
        var e = Assert.Throws<ArgumentException>(() => HandleNormalizer.Normalize(raw));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Equal("raw", e.ParamName);
    }

    [Fact]
    public void Normalize_InvalidPhone_DoesNotEchoTheNumber()
    {
        var e = Assert.Throws<ArgumentException>(() => HandleNormalizer.Normalize("98765"));
        Assert.DoesNotContain("98765", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice@example.com", true)]
    [InlineData("+15551234567", false)]
    public void IsEmail_NormalizedHandle_TellsEmailFromPhone(string handle, bool expected)
    {
        Assert.Equal(expected, HandleNormalizer.IsEmail(handle));
    }

    [Fact]
    public void TryNormalize_ManyThreadsAtOnce_AllAgree()
    {
        var results = new string?[64];
        Parallel.For(0, results.Length, i =>
            results[i] = HandleNormalizer.TryNormalize("+1 (555) 123-4567", out var handle) ? handle : null);
        Assert.All(results, r => Assert.Equal("+15551234567", r));
    }
}
