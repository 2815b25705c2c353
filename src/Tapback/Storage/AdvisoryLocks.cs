namespace Tapback.Storage;

/// <summary>The PostgreSQL advisory lock keys Tapback takes; one place, so no two uses collide.</summary>
internal static class AdvisoryLocks
{
    /// <summary>Held by the node that migrates the schema; the others wait, then find nothing to do.</summary>
    public const long Migrations = 0x5461_7062_0001;

    /// <summary>Held by every write transaction until it ends (see <see cref="Database.BeginWriteAsync"/>).</summary>
    public const long Writes = 0x5461_7062_0002;
}
