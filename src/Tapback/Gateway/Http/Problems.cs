namespace Tapback.Gateway.Http;

/// <summary>RFC 9457 problem responses with a sentence that says what is wrong.</summary>
internal static class Problems
{
    public static IResult BadRequest(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.");

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: string.Join(" ", errors.SelectMany(error => error.Value.Select(message => $"{error.Key}: {message}"))),
            title: "The request is not valid.");

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict.");
}
