using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Watchdog;

/// <summary>Reads <c>/healthz</c> as a monitor that asks for JSON does.</summary>
internal static class WatchdogHealth
{
    /// <summary>The admin token the watchdog tests' hosts are given (<c>Tapback:Admin:Token</c>): it shows the entries' descriptions.</summary>
    public const string AdminToken = Tapback.Tests.Dashboard.DashboardClient.AdminToken;

    /// <summary>The entry <c>transport:&lt;name&gt;</c>: its status and description, and the overall status.</summary>
    public static async Task<(string Status, string? Description, string Overall)> EntryAsync(TapbackTestHost host, string transport, bool asOperator = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (asOperator)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        }

        using var response = await host.Client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var entry = body["entries"]![$"transport:{transport}"]!;
        return ((string)entry["status"]!, (string?)entry["description"], (string)body["status"]!);
    }
}
