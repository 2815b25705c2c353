using Tapback.Hosting.Network;

namespace Tapback.Tests.Hosting.Network;

/// <summary>The one rule of which bound addresses other machines reach, on the forms Kestrel reports.</summary>
public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("http://localhost:5000")]
    [InlineData("http://LOCALHOST:5000")]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("https://127.0.0.1:443")]
    [InlineData("http://127.10.20.30:80")]
    [InlineData("http://[::1]:5000")]
    [InlineData("http://unix:/run/tapback.sock")]
    public void IsLoopback_ThisMachineOnly_IsTrue(string address) => Assert.True(ListenAddresses.IsLoopback(address));

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://192.168.1.20:5000")]
    [InlineData("http://10.0.0.5:5000")]
    [InlineData("https://[fe80::1]:443")]
    [InlineData("http://tapback.example.com:80")]
    [InlineData("not an address")]
    public void IsLoopback_ReachableFromOtherMachines_IsFalse(string address) => Assert.False(ListenAddresses.IsLoopback(address));

    [Fact]
    public void Decide_LoopbackOnly_IsNotOnTheNetwork()
    {
        var decision = NetworkExposureDecision.Decide(["http://127.0.0.1:5000", "http://[::1]:5000"], behindProxy: false);

        Assert.False(decision.OnNetwork);
        Assert.Empty(decision.ReachableAddresses);
    }

    [Fact]
    public void Decide_OneListenerOnTheNetwork_IsOnTheNetworkAndNamesIt()
    {
        var decision = NetworkExposureDecision.Decide(["http://localhost:5000", "http://0.0.0.0:8080"], behindProxy: false);

        Assert.True(decision.OnNetwork);
        Assert.Equal(["http://0.0.0.0:8080"], decision.ReachableAddresses);
    }

    [Fact]
    public void Decide_LoopbackBehindADeclaredProxy_IsOnTheNetwork() =>
        Assert.True(NetworkExposureDecision.Decide(["http://127.0.0.1:5000"], behindProxy: true).OnNetwork);

    [Fact]
    public void Decide_NoAddressKnown_IsOnTheNetwork()
    {
        Assert.True(NetworkExposureDecision.Decide([], behindProxy: false).OnNetwork);
        Assert.True(NetworkExposureDecision.NotStarted.OnNetwork);
    }
}
