using System.Net;
using System.Net.Http.Headers;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.Agent.Tools;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Integrations;

/// <summary>
/// Deleting an integration with <c>purgeHistory=true</c> as a new user meets it: the built-in agent
/// asked the phone a numbered question, then the phone paired with /setup. Each feature removes its
/// own rows of the phone's conversations, so nothing is left behind and no foreign key stops it.
/// </summary>
public sealed class IntegrationPurgeTests
{
    private const string AdminToken = "purge-admin-token-0123456789abcdef";
    private const string Phone = ToolTestHosts.Phone;

    [Fact]
    public async Task Delete_PurgeAfterAWaitingQuestionAndAPairing_Is204AndLeavesNoRowOfThePhonesConversations()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await TapbackTestHost.StartWithModelAsync(model, new Dictionary<string, string?> { ["Tapback:Admin:Token"] = AdminToken });
        model.EnqueueReplies(FakeReply.Call("ask_user", """{"question":"Which day suits you?","options":["Monday","Tuesday","Friday"]}"""));
        await host.SendAsync(Phone, "book me a haircut");
        await host.WaitForRepliesAsync(Phone, count: 5);
        await GatewayScript.PairAsync(host, Phone);
        var integrationId = Assert.Single(await ToolTestHosts.QueryAsync<string>(host, "SELECT id FROM integrations WHERE status <> 'deleted'"));
        var conversations = await ToolTestHosts.QueryAsync<string>(host, $"SELECT id FROM conversations WHERE handle = '{Phone}'");
        var messages = await ToolTestHosts.QueryAsync<string>(host, $"SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.handle = '{Phone}'");
        Assert.NotEmpty(await ToolTestHosts.QueryAsync<string>(host, "SELECT id FROM questions"));
        Assert.NotEmpty(messages);

        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var deleted = await admin.DeleteAsync($"/api/admin/integrations/{integrationId}?purgeHistory=true");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await RowsReferringToAsync(host, "conversation_id", conversations));
        Assert.Empty(await RowsReferringToAsync(host, "message_id", messages));
        Assert.Empty(await ToolTestHosts.QueryAsync<string>(host, $"SELECT id FROM conversations WHERE handle = '{Phone}'"));
    }

    /// <summary>Every table of the gateway's store with <paramref name="column"/>, and how many of its rows name one of <paramref name="ids"/>.</summary>
    private static async Task<IReadOnlyList<string>> RowsReferringToAsync(TapbackTestHost host, string column, IReadOnlyList<string> ids)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        var tables = TestStore.IsPostgres
            ? await connection.QueryAsync<string>("SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = @column", new { column })
            : await connection.QueryAsync<string>("SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = @column", new { column });
        var left = new List<string>();

        // simulator_events is the simulated iPhone's own screen, not the gateway's record: a real
        // phone keeps its Messages history whatever the gateway deletes.
        foreach (var table in tables.Where(table => table != "simulator_events"))
        {
            foreach (var id in ids)
            {
                var count = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {column} = @id", new { id });
                if (count > 0)
                {
                    left.Add($"{table}.{column} = {id}: {count} row(s)");
                }
            }
        }

        return left;
    }
}
