namespace Tapback.Tests.Security;

/// <summary>
/// One inbound HTTP surface to fuzz. <paramref name="Path"/> may hold <c>{id}</c>, replaced by a real id
/// of the scenario or, in some cases, by a hostile path segment.
/// </summary>
internal sealed record InboundSurface(string Name, string Method, string Path, SurfaceAuth Auth, string ValidJson);
