using Tapback.Gateway.Http;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Pairing;
using Tapback.Messaging.Handles;

namespace Tapback.Dashboard;

/// <summary>
/// The connect form: exchanges a phone's <c>/setup</c> code exactly as <c>POST /auth/exchange</c> does,
/// then names the integration and stores its first settings.
/// </summary>
internal static partial class DashboardApi
{
    private static async Task<IResult> ConnectAsync(
        HttpRequest request, PairingExchange exchange, IntegrationStore store, DashboardIntegrations integrations, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, DashboardJsonContext.Wire.ConnectRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = Validate(body!, out var phone);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var outcome = await exchange.ExchangeAsync(phone!, body!.Code!.Trim(), cancellationToken);
        if (outcome.Result != PairingResult.Paired)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["code"] = [outcome.Result == PairingResult.Exhausted
                    ? "Too many wrong codes: this code no longer works. Text /setup from the phone for a new one."
                    : "The code is wrong, already used, or expired. Codes last 15 minutes; text /setup from the phone for a new one."],
            });
        }

        var id = outcome.IntegrationId!;
        if (!string.IsNullOrWhiteSpace(body.Name))
        {
            await store.RenameAsync(id, body.Name.Trim(), cancellationToken);
        }

        if (body.Settings is { } settings)
        {
            await store.UpdateSettingsAsync(id, IntegrationSettingsRules.Normalised(settings), cancellationToken);
        }

        var view = await integrations.FindAsync(id, cancellationToken);
        return TypedResults.Json(new ConnectResult(view!, outcome.Token!), DashboardJsonContext.Wire.ConnectResult, statusCode: StatusCodes.Status201Created);
    }

    private static Dictionary<string, string[]> Validate(ConnectRequest body, out string? phone)
    {
        var errors = new Dictionary<string, string[]>();
        phone = null;
        if (string.IsNullOrWhiteSpace(body.Phone) || !HandleNormalizer.TryNormalize(body.Phone, out phone) || !phone.StartsWith('+'))
        {
            errors["phone"] = [$"'{body.Phone}' is not a phone number; write it in E.164, e.g. +15551234567."];
        }

        var code = body.Code?.Trim();
        if (code is null || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            errors["code"] = ["The code is the 6 digits the phone received after texting /setup."];
        }

        if (body.Name is { Length: > 100 })
        {
            errors["name"] = ["A name is at most 100 characters."];
        }

        IntegrationSettingsRules.Validate(body.Settings, errors);
        return errors;
    }
}
