namespace Tapback.Gateway.Http;

/// <summary>
/// The one answer to a JSON endpoint's body sent without <c>Content-Type: application/json</c>: 415
/// problem+json that names what came and what to send. Two places meet it: the router, which refuses
/// a request to an endpoint that declares <c>Accepts(…"application/json")</c> before the handler runs
/// (its bare 415 gets this detail through <see cref="Explain"/>), and <see cref="JsonBody"/>.
/// </summary>
internal static class JsonContentType
{
    public const string Title = "Unsupported Media Type.";

    /// <summary>
    /// Declares that the endpoint reads a <typeparamref name="T"/> as JSON: the OpenAPI document shows
    /// its schema, and the router answers another Content-Type with this 415. Types with a <c>+json</c>
    /// suffix (<c>application/merge-patch+json</c>) are JSON too, as <c>HasJsonContentType</c> reads them.
    /// The 415 is declared here, once, for every endpoint that reads JSON.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder, bool isOptional = false)
        where T : notnull =>
        builder.Accepts<T>(isOptional, "application/json", "application/*+json")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>What to change; curl's <c>-d</c> sends a form type unless told otherwise, the commonest way here.</summary>
    public static string Detail(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sent = request.ContentType is { Length: > 0 } type
            ? $"Content-Type '{(type.Length > 100 ? type[..100] + "…" : type)}'"
            : "no Content-Type";
        return $"This endpoint reads a JSON body, and the request came with {sent}: send the header 'Content-Type: application/json' (curl -d alone sends a form type).";
    }

    public static IResult Unsupported(HttpRequest request) =>
        TypedResults.Problem(detail: Detail(request), statusCode: StatusCodes.Status415UnsupportedMediaType, title: Title);

    /// <summary>Fills in the detail of a 415 written without one (the router's, through the status-code pages).</summary>
    public static void Explain(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails.Detail is null)
        {
            context.ProblemDetails.Title = Title;
            context.ProblemDetails.Detail = Detail(context.HttpContext.Request);
        }
    }
}
