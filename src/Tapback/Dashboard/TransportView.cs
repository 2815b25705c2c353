using Tapback.Messaging;

namespace Tapback.Dashboard;

/// <summary>A live transport and what it can do.</summary>
internal sealed record TransportView(string Name, string Kind, TransportCapabilities Capabilities);
