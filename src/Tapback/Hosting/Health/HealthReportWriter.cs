using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;
using Tapback.Hosting.Admin;
using Tapback.Messaging.Json;

namespace Tapback.Hosting.Health;

/// <summary>
/// Writes <c>/healthz</c> and <c>/readyz</c>: the overall status in plain text, as probes expect, or,
/// for a caller that asks for <c>application/json</c>, every entry with its status
/// (<c>{"status", "entries": {"transport:home-mac": {"status": "Degraded", "description": "…"}}}</c>),
/// so a monitor sees which part is degraded. The descriptions (why, where the store is, the bridge's
/// address in its error) are the operator's: given only to a caller with the admin token, since these
/// endpoints answer anyone, on the network too.
/// </summary>
internal static class HealthReportWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var accept = context.Request.GetTypedHeaders().Accept;
        if (!accept.Any(type => type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(report.Status.ToString(), context.RequestAborted);
            return;
        }

        var isOperator = context.Request.Headers.Authorization.Count > 0 && (await context.AuthenticateAsync(AdminAuthorization.Scheme)).Succeeded;
        context.Response.ContentType = "application/json";
        var view = new HealthReportView(
            report.Status.ToString(),
            report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new HealthEntryView(entry.Value.Status.ToString(), isOperator ? entry.Value.Description : null),
                StringComparer.Ordinal));
        await JsonSerializer.SerializeAsync(context.Response.Body, view, HealthJsonContext.Wire.HealthReportView, context.RequestAborted);
    }
}

/// <summary>The JSON form of a health report.</summary>
internal sealed record HealthReportView(string Status, IReadOnlyDictionary<string, HealthEntryView> Entries);

/// <summary>One entry of <see cref="HealthReportView"/>.</summary>
internal sealed record HealthEntryView(string Status, string? Description);

[JsonSerializable(typeof(HealthReportView))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class HealthJsonContext : JsonSerializerContext
{
    /// <summary>The context to serialize with: its options, writing JSON as <see cref="WireJson"/> says (made on first use: partial files initialise statics in no set order).</summary>
    public static HealthJsonContext Wire => field ??= new(WireJson.OptionsLike(Default.Options));
}
