using System.Runtime.CompilerServices;
using Tapback.Storage.Connections;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// The test process runs SQLite as Tapback does (multi-thread mode, no memory statistics): settings
/// SQLite takes only before its first connection, which in a test run may be a test's own.
/// </summary>
internal static class SqliteLibraryInitializer
{
#pragma warning disable CA2255 // A module initializer is the one place that runs before every test's first connection.
    [ModuleInitializer]
    internal static void Initialize() => SqliteLibrary.Configure();
#pragma warning restore CA2255
}
