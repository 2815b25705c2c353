using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Http;
using Tapback.Hosting.Admin;
using Tapback.Web;

namespace Tapback.Dashboard;

/// <summary>
/// The dashboard's pages and its sign-in. The pages live outside wwwroot and are served only to a
/// signed-in browser; their scripts and styles are public (they hold no data, only code).
/// </summary>
internal static partial class DashboardPages
{
    public static IEndpointRouteBuilder MapDashboardPages(this IEndpointRouteBuilder endpoints, IWebHostEnvironment environment)
    {
        var folder = Path.Combine(environment.ContentRootPath, "pages", "dashboard");
        var index = Path.Combine(folder, "index.html");
        var signIn = Path.Combine(folder, "signin.html");
        endpoints.MapGet("/", async (HttpContext context) =>
            await IsSignedInAsync(context) ? Page(context, index) : (IResult)TypedResults.Redirect("/signin")).ExcludeFromDescription();
        endpoints.MapGet("/signin", async (HttpContext context) =>
            await IsSignedInAsync(context) ? TypedResults.Redirect("/") : (IResult)Page(context, signIn)).ExcludeFromDescription();

        var api = endpoints.MapGroup("/api/dashboard").ExcludeFromDescription();
        api.MapPost("/signin", SignInAsync).WithSignInBodyLimit();
        api.MapPost("/signout", SignOut);
        return endpoints;
    }

    private static async Task<bool> IsSignedInAsync(HttpContext context) =>
        (await context.AuthenticateAsync(DashboardCookie.Scheme)).Succeeded;

    private static PhysicalFileHttpResult Page(HttpContext context, string path)
    {
        PageHeaders.Apply(context.Response);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.PhysicalFile(path, "text/html; charset=utf-8");
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context,
        AdminCredential credential,
        AdminTokenGuard guard,
        DashboardSessionKey key,
        SameOrigin sameOrigin,
        TimeProvider time,
        IOptions<DashboardOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!sameOrigin.Allows(context.Request))
        {
            return CrossOrigin();
        }

        var (body, problem) = await JsonBody.ReadAsync(context.Request, DashboardJsonContext.Default.SignInRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.Token))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["token"] = ["Enter the admin token (Tapback:Admin:Token, or the one printed in the log at first start)."] });
        }

        var verdict = guard.Verify(context, body.Token);
        if (verdict.Result == AdminTokenResult.Locked)
        {
            return AdminTokenGuard.TooManyAttempts(context.Response, verdict.RetryAfter!.Value);
        }

        if (verdict.Result != AdminTokenResult.Valid || credential.TokenHash is not { } tokenHash)
        {
            LogRefused(loggers.CreateLogger(typeof(DashboardPages)), context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return TypedResults.Problem(
                detail: "That is not the admin token. It is Tapback:Admin:Token, or the one printed once in the log at first start.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Sign-in refused.");
        }

        var lifetime = options.Value.SessionLifetime;
        var ticket = DashboardSessionTicket.Issue(await key.GetAsync(cancellationToken), tokenHash, time.GetUtcNow() + lifetime);
        context.Response.Cookies.Append(DashboardCookie.Name, ticket, DashboardCookie.Options(context.Request, lifetime));
        return TypedResults.NoContent();
    }

    private static IResult SignOut(HttpContext context, SameOrigin sameOrigin)
    {
        if (!sameOrigin.Allows(context.Request))
        {
            return CrossOrigin();
        }

        context.Response.Cookies.Delete(DashboardCookie.Name, DashboardCookie.Options(context.Request, maxAge: null));
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult CrossOrigin() => TypedResults.Problem(
        detail: "The dashboard takes sign-ins and changes only from its own pages (the Origin header names another site). Behind a proxy that rewrites Host, list the public origin in Tapback:Dashboard:AllowedOrigins.",
        statusCode: StatusCodes.Status403Forbidden,
        title: "Cross-site request refused.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dashboard sign-in with a wrong admin token was refused (client {Client}).")]
    private static partial void LogRefused(ILogger logger, string client);
}
