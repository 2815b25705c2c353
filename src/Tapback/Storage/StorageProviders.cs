namespace Tapback.Storage;

/// <summary>The values of <c>Tapback:Storage:Provider</c>.</summary>
internal static class StorageProviders
{
    /// <summary>One file in the data directory: one node.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>A PostgreSQL server named by <c>ConnectionStrings:Tapback</c>: one node or several.</summary>
    public const string Postgres = "postgres";
}
