using Tapback.Gateway.Http;

namespace Tapback.Gateway.Transports;

/// <summary>One address for every provider's webhooks: <c>POST /webhooks/{instance}</c>.</summary>
internal static class TransportWebhookEndpoints
{
    /// <summary>Larger than any provider's event body; attachments arrive by URL, never inline.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapTransportWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/{instance}", ReceiveAsync).WithTags("Transports").ExcludeFromDescription();
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

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return await receiver.ReceiveAsync(request, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge() =>
        TypedResults.Problem(
            detail: $"A webhook body may be at most {MaxBodyBytes} bytes.",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "The request is too large.");
}
