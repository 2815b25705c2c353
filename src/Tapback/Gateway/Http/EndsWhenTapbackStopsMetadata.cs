namespace Tapback.Gateway.Http;

/// <summary>The endpoint metadata that <see cref="EventStreams.EndsWhenTapbackStops{TBuilder}"/> adds.</summary>
internal sealed class EndsWhenTapbackStopsMetadata
{
    public static EndsWhenTapbackStopsMetadata Instance { get; } = new();

    private EndsWhenTapbackStopsMetadata()
    {
    }
}
