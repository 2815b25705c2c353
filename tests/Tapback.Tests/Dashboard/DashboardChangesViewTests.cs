using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tapback.Gateway.Inbox;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tapback.Tests.Dashboard;

/// <summary>The conversation view shows the person's edits ("Edited", with the earlier texts) and unsends, in Chromium.</summary>
[Collection(Chromium.Collection)]
[Trait("Category", "Browser")]
public sealed class DashboardChangesViewTests(Chromium chromium)
{
    [Fact]
    public async Task ConversationView_EditedAndUnsentMessages_ShowEditedWithHistoryAndUnsentWithoutText()
    {
        const string phone = "+15550107311";
        await using var host = await TapbackTestHost.StartAsync(DashboardClient.Settings());
        await GatewayScript.PairAsync(host, phone);
        var edited = await host.SendAsync(phone, "see you at 5");
        var unsent = await host.SendAsync(phone, "my secret draft");
        var inbox = host.Services.GetRequiredService<Inbox>();
        await inbox.ReceiveEditAsync(new InboundEdit { Transport = "simulator", EventId = "edit-1", MessageId = edited, Text = "see you at 6" });
        await inbox.ReceiveUnsendAsync(new InboundUnsend { Transport = "simulator", EventId = "unsend-1", MessageId = unsent });
        string conversationId;
        await using (var connection = await host.Services.GetRequiredService<Database>().OpenAsync())
        {
            conversationId = await connection.ExecuteScalarAsync<string>("SELECT conversation_id FROM messages WHERE id = @edited", new { edited }) ?? string.Empty;
        }

        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = DashboardPage.CollectErrors(page);
        try
        {
            await DashboardPage.SignInAsync(page);
            await page.GotoAsync($"/#/conversations/{Uri.EscapeDataString(conversationId)}");
            var history = page.GetByRole(AriaRole.Log, new() { Name = "History" });
            var editedRow = history.Locator($".row[data-message-id='{edited}']");
            await Expect(editedRow.Locator(".bubble")).ToContainTextAsync("see you at 6");
            await editedRow.Locator(".edited summary").ClickAsync();
            await Expect(editedRow.Locator(".edited li")).ToHaveTextAsync(["see you at 5"]);
            var unsentRow = history.Locator($".row[data-message-id='{unsent}']");
            await Expect(unsentRow.Locator(".unsent")).ToHaveTextAsync($"{phone} unsent a message");
            await Expect(unsentRow.Locator(".bubble")).ToHaveCountAsync(0);
            await Expect(history).Not.ToContainTextAsync("my secret draft");
            await DashboardPage.ScreenshotAsync(page, "Conversation-Edited-Unsent");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }
}
