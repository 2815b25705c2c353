using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Outbox;

namespace Tapback.Gateway.Routing;

/// <summary>
/// The short, rate-limited notice for a sender no agent answers. The rate limit is the outbox key:
/// one key per conversation per interval, so a second notice in the same interval writes nothing.
/// </summary>
internal sealed class StrangerNotice(IOptions<StrangerNoticeOptions> options)
{
    /// <summary>Returns true when a notice row was written (or already existed for this interval).</summary>
    public async Task<bool> WriteAsync(DbConnection connection, DbTransaction transaction, string conversationId, string transport, long now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Text) || settings.Interval <= TimeSpan.Zero)
        {
            return false;
        }

        var window = (now / (long)settings.Interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        await OutboxWriter.WriteAsync(
            connection, transaction, conversationId, transport, [AgentAction.GatewayMessage($"stranger:{conversationId}:{window}", settings.Text)], now, cancellationToken);
        return true;
    }
}
