using Microsoft.Extensions.Options;
using Npgsql;
using Tapback.Storage;

namespace Tapback.Tests.Storage;

/// <summary>
/// Npgsql prepares Tapback's statements on PostgreSQL and skips the session reset of a pooled
/// connection, unless the operator's connection string says otherwise.
/// </summary>
public sealed class PostgresAutoPrepareTests
{
    [Fact]
    public async Task ConnectionString_NothingSaid_StatementsAreAutoPrepared()
    {
        var builder = await BuilderForAsync("Host=127.0.0.1;Database=tapback");

        Assert.Equal(Database.AutoPrepared, builder.MaxAutoPrepare);
        Assert.Equal(Database.AutoPrepareAfterUses, builder.AutoPrepareMinUsages);
        Assert.True(builder.NoResetOnClose);
    }

    [Fact]
    public async Task ConnectionString_OperatorTurnedItOff_StaysOff()
    {
        var builder = await BuilderForAsync("Host=127.0.0.1;Database=tapback;Max Auto Prepare=0;Auto Prepare Min Usages=7;No Reset On Close=false");

        Assert.Equal(0, builder.MaxAutoPrepare);
        Assert.Equal(7, builder.AutoPrepareMinUsages);
        Assert.False(builder.NoResetOnClose);
    }

    private static async Task<NpgsqlConnectionStringBuilder> BuilderForAsync(string connectionString)
    {
        await using var database = new Database(Options.Create(new StorageOptions { Provider = StorageProviders.Postgres, ConnectionString = connectionString }));
        return new NpgsqlConnectionStringBuilder(database.ConnectionString);
    }
}
