using Microsoft.Extensions.DependencyInjection.Extensions;
using Tapback.Agent;
using Tapback.Agent.Api;
using Tapback.Dashboard;
using Tapback.Diagnostics;
using Tapback.Diagnostics.Logging;
using Tapback.AgentLink;
using Tapback.AgentLink.Client;
using Tapback.AgentLink.Mcp;
using Tapback.AgentLink.Operator;
using Tapback.AgentLink.Rest;
using Tapback.AgentLink.Webhooks;
using Tapback.Gateway;
using Tapback.Gateway.Governor;
using Tapback.Gateway.Governor.Loops;
using Tapback.Gateway.Http;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.OptOut;
using Tapback.Gateway.Pairing;
using Tapback.Gateway.Transports;
using Tapback.Hosting.Admin;
using Tapback.Hosting.Health;
using Tapback.Hosting.Network;
using Tapback.Hosting.OpenApi;
using Tapback.Messaging.Json;
using Tapback.Storage;
using Tapback.Transports;
using Tapback.Transports.Simulator;
using Tapback.Web;

namespace Tapback.Hosting;

/// <summary>Builds the Tapback web application; Program and the tests both start it from here.</summary>
internal static class TapbackApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Settings and pages travel with the binary; the data directory stays relative to where it runs.
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddTapbackNetwork(builder.Configuration);
        builder.Services.AddTapbackDiagnostics();
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = JsonContentType.Explain);
        builder.Services.AddTapbackHttpLimits(builder.Configuration);
        builder.Services.AddExceptionHandler<UnstorableTextExceptionHandler>();
        builder.Services.AddExceptionHandler<StoreBusyExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, SimulatorJsonContext.Wire);
            json.SerializerOptions.Encoder = WireJson.Encoder;
        });
        builder.Services
            .AddTapbackStorage(builder.Configuration)
            .AddTapbackGateway(builder.Configuration)
            .AddTapbackTransports(builder.Configuration)
            .AddTapbackAgent(builder.Configuration)
            .AddTapbackAgentLink(builder.Configuration)
            .AddTapbackRest(builder.Configuration)
            .AddTapbackMcp(builder.Configuration)
            .AddTapbackRemoteGateway(builder.Configuration)
            .AddTapbackAdmin(builder.Configuration)
            .AddTapbackDashboard(builder.Configuration)
            .AddTapbackPages(builder.Configuration)
            .AddTapbackOpenApi();
        builder.Services.AddHostedService<StartupReport>();
        customize?.Invoke(builder);
        // Last: it wraps the logger factory every registration above (and a test's) feeds.
        builder.Services.AddLogSanitizing();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseBodyLimits();
        app.UseRateLimiter();
        app.UseGracefulShutdown();
        // Liveness: the process and its store answer. Readiness adds "not stopping", for load balancers.
        // A bridge the watchdog finds stalled is Degraded (still 200): restarting or draining this node
        // would not mend a Mac's Messages, and the other transports still work.
        app.MapHealthChecks("/healthz", new() { Predicate = check => !check.Tags.Contains(DrainingHealthCheck.ReadyTag), ResponseWriter = HealthReportWriter.WriteAsync })
            .WithHealthCheckDescription("Liveness: 200 while the process and its store answer (Degraded while a watched bridge looks stalled).");
        app.MapHealthChecks("/readyz", new() { ResponseWriter = HealthReportWriter.WriteAsync })
            .WithHealthCheckDescription("Readiness: 200 while Tapback takes work; 503 while it stops or its store does not answer.");
        app.MapTapbackOpenApi();
        app.MapTapbackPages();
        app.MapTapbackDashboard();
        app.MapPairing();
        app.UseTapbackAgentLink();
        app.MapRestApi();
        app.MapTapbackMcp();
        app.MapTransportWebhooks();
        var admin = app.MapGroup("/api/admin").RequireTapbackAdmin()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        admin.MapIntegrationAdmin();
        admin.MapOptOutAdmin();
        admin.MapAgentApi();
        admin.MapWebhookAdmin();
        admin.MapOperatorActions();
        admin.MapHeldAdmin();
        admin.MapLoopBreakerAdmin();
        return app;
    }
}
