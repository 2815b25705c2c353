using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;
using Tapback.Hosting.Admin;
using Tapback.Hosting.Network;

namespace Tapback.Web;

/// <summary>
/// The phone simulator is a local tool: whoever uses it speaks as any phone and reads what every
/// simulated phone saw (pairing codes included). While Tapback listens on loopback alone it stays
/// open; once it is on the network, its page, API, stream and attachments take the admin credential
/// (the dashboard's cookie or the Bearer token) unless <c>Tapback:Simulator:AllowAnonymous</c> is set.
/// </summary>
internal sealed class SimulatorGate(
    NetworkExposure exposure,
    IOptions<SimulatorAccessOptions> options,
    IAuthorizationPolicyProvider policies,
    IPolicyEvaluator evaluator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (options.Value.AllowAnonymous || !exposure.FromNetwork(context.HttpContext.Request))
        {
            return await next(context);
        }

        // The admin policy names which credentials count; the gate only asks whether one was given.
        var policy = await policies.GetPolicyAsync(AdminAuthorization.Policy)
            ?? throw new InvalidOperationException($"The {AdminAuthorization.Policy} policy is not registered.");
        var authenticated = await evaluator.AuthenticateAsync(policy, context.HttpContext);
        if (authenticated.Succeeded)
        {
            return await next(context);
        }

        if (AdminTokenGuard.LockedOutFor(context.HttpContext) is { } wait)
        {
            return AdminTokenGuard.TooManyAttempts(context.HttpContext.Response, wait);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"tapback-admin\"";
        return TypedResults.Problem(
            detail: "Tapback listens on the network, so the phone simulator takes the admin credential: sign in to the dashboard at /signin, or send 'Authorization: Bearer <admin token>'. To open it to anyone who reaches this address, set Tapback:Simulator:AllowAnonymous=true.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "The simulator needs the admin credential here.");
    }
}
