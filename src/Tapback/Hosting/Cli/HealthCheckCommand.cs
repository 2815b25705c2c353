namespace Tapback.Hosting.Cli;

/// <summary>
/// <c>tapback healthcheck [--url …]</c>: exits 0 when a running Tapback's <c>/readyz</c> answers 2xx, 1
/// otherwise. Microsoft's ASP.NET Core images have no curl or wget, and the SDK-built image cannot carry a
/// HEALTHCHECK, so compose files probe with the image's own binary (docs/deploy.md).
/// </summary>
internal static class HealthCheckCommand
{
    /// <summary>The container image's readiness endpoint (port 8080, ContainerPort in Tapback.csproj).</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080/readyz";

    public static bool Matches(string[] args) => args is ["healthcheck", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args switch
        {
            ["healthcheck"] => DefaultUrl,
            ["healthcheck", "--url", var given] => given,
            _ => null,
        };
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            await Console.Error.WriteLineAsync($"Usage: tapback healthcheck [--url {DefaultUrl}]");
            return 2;
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(address);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await Console.Error.WriteLineAsync($"{address} answered {(int)response.StatusCode}.");
            return 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{address} did not answer: {exception.Message}");
            return 1;
        }
    }
}
