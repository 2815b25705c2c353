using Tapback.Gateway.Http;

namespace Tapback.Gateway.Transports;

/// <summary>One address for every provider's webhooks: <c>POST /webhooks/{instance}</c>.</summary>
internal static class TransportWebhookEndpoints
{
    /// <summary>Larger than any provider's event body; attachments arrive by URL, never inline.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapTransportWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/{instance}", ReceiveAsync).WithBodyLimit(MaxBodyBytes).WithTags("Transports").ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        string instance,
        HttpRequest request,
        IEnumerable<ITransportWebhookReceiver> receivers,
        CancellationToken cancellationToken)
    {
        var receiver = receivers.FirstOrDefault(candidate => string.Equals(candidate.Name, instance, StringComparison.OrdinalIgnoreCase));
        if (receiver is null)
        {
            return Problems.NotFound($"No transport named '{instance}' receives webhooks here. Check the instance name under Tapback:Transports.");
        }

        // The body limit (BodyLimits) refuses more than MaxBodyBytes while this reads.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);

        return await receiver.ReceiveAsync(request, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }
}
