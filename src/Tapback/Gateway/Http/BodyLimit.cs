namespace Tapback.Gateway.Http;

/// <summary>
/// Endpoint metadata: the largest body this endpoint takes, in bytes, read from the request's services
/// (so a limit can follow a setting). An endpoint without it takes <see cref="HttpLimitsOptions.MaxJsonBodyBytes"/>.
/// </summary>
internal sealed record BodyLimit(Func<IServiceProvider, long> Bytes);
