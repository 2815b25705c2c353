using System.Net;
using Tapback.Client.Tests.Infrastructure;
using Tapback.Tests.Infrastructure;

namespace Tapback.Client.Tests.Pairing;

/// <summary><c>ExchangeAsync</c> against a real Tapback: the phone texts /setup on the simulator, the SDK exchanges the code.</summary>
public sealed class TapbackPairingTests
{
    private const string Phone = "+15551230001";

    [Fact]
    public async Task ExchangeAsync_RightCode_ReturnsTheTokenOfThePhonesIntegration()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var code = await Phones.RequestCodeAsync(host, Phone);

        var paired = await TapbackPairing.ExchangeAsync(host.BaseAddress, Phone, code);

        Assert.StartsWith("tbk_", paired.Token, StringComparison.Ordinal);
        Assert.StartsWith("int_", paired.IntegrationId, StringComparison.Ordinal);
        Assert.Equal(Phone, paired.Phone);
    }

    [Fact]
    public async Task ExchangeAsync_WrongCode_ThrowsWithTheGatewaysStatusAndDetail()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var code = await Phones.RequestCodeAsync(host, Phone);
        var wrong = code == "000000" ? "111111" : "000000";

        var error = await Assert.ThrowsAsync<TapbackApiException>(() => TapbackPairing.ExchangeAsync(host.BaseAddress, Phone, wrong));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Detail));
    }
}
