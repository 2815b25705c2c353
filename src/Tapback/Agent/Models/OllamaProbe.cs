using System.Net.Http.Json;
using System.Text.Json;

namespace Tapback.Agent.Models;

/// <summary>Asks an Ollama which models it has, quickly, so start-up never waits on a missing one.</summary>
internal static class OllamaProbe
{
    /// <summary>
    /// A missing Ollama refuses the connection at once; this bounds only a host that accepts and
    /// stalls. Long enough for a loaded machine's local Ollama to list its models.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The names of the pulled models, or null when nothing usable answered (with the reason).
    /// Cancellation by the caller still throws; only the probe's own timeout means "no Ollama".
    /// </summary>
    public static async Task<(IReadOnlyList<string>? Models, string? Failure)> ListModelsAsync(
        HttpClient http, Uri host, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var tags = await http.GetFromJsonAsync(
                new Uri(host.AbsoluteUri.TrimEnd('/') + "/api/tags"), OllamaJsonContext.Wire.OllamaTagsResponse, timeout.Token);
            var names = (tags?.Models ?? [])
                .Select(tag => tag.Name ?? tag.Model)
                .OfType<string>()
                .Where(name => name.Length > 0)
                .ToList();
            return (names, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.Message);
        }
        catch (JsonException ex)
        {
            return (null, "the answer was not Ollama's model list: " + ex.Message);
        }
    }
}
