using System.Data.Common;
using Dapper;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// The store's plan for a statement, as one text, without running it: SQLite's EXPLAIN QUERY PLAN
/// details, or PostgreSQL's EXPLAIN lines. For tests that a hot query reads an index in order instead
/// of sorting a backlog, which a timing could only show on one machine.
/// </summary>
internal static class QueryPlan
{
    public static async Task<string> ExplainAsync(DbConnection connection, DbTransaction transaction, string sql, object parameters)
    {
        if (TestStore.IsPostgres)
        {
            return string.Join('\n', await connection.QueryAsync<string>("EXPLAIN " + sql, parameters, transaction));
        }

        var rows = await connection.QueryAsync("EXPLAIN QUERY PLAN " + sql, parameters, transaction);
        return string.Join('\n', rows.Select(row => (string)((IDictionary<string, object>)row)["detail"]));
    }
}
