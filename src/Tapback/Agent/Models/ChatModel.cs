using Microsoft.Extensions.AI;

namespace Tapback.Agent.Models;

/// <summary>
/// The language model the built-in agent talks to, with what start-up logs and the dashboard show
/// about it. Holds no secret: <see cref="Endpoint"/> and <see cref="Description"/> are safe to print.
/// </summary>
internal sealed record ChatModel
{
    public required IChatClient Client { get; init; }

    /// <summary>One of <see cref="ModelProviders.All"/>.</summary>
    public required string Provider { get; init; }

    public required string ModelId { get; init; }

    /// <summary>Where requests go, without user info or query; null for the offline model.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>One line, e.g. "anthropic claude-sonnet-4-5 via https://api.anthropic.com".</summary>
    public required string Description { get; init; }

    public override string ToString() => Description;
}
