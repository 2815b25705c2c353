using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Gateway.Inbox;
using Tapback.Tests.Gateway.Attachments;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Turns;

/// <summary>The built-in agent and a file that comes late: told it is on its way, then shown it on the next turn.</summary>
public sealed class LateFileTurnTests
{
    private const string Phone = "+15551230088";

    [Fact]
    public async Task Turn_MessageWhoseFileIsPending_ModelIsToldAFileIsOnItsWayThenSeesItNextTurn()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        model.Reply = _ => "ok";
        var source = new ScriptedPendingSource();
        await using var host = await TapbackTestHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Tapback:Agent:Provider"] = "openai",
                ["Tapback:Agent:BaseUrl"] = model.BaseUrl.ToString(),
                ["Tapback:Agent:ApiKey"] = "k",
                ["Tapback:Agent:Model"] = "gpt-test",
            },
            services: services => services.AddSingleton<IPendingAttachmentSource>(source));
        source.Store = host.Services.GetRequiredService<AttachmentStore>();

        await host.Services.GetRequiredService<Inbox>().ReceiveMessageAsync(new InboundMessage
        {
            Transport = "simulator",
            EventId = "late-voice",
            ChatId = Phone,
            From = Phone,
            Text = "",
            LateFiles = [new LateFile { Key = "note-1", Source = "note-1", FileName = "notes.txt", ContentType = "text/plain", Position = 0 }],
        });
        await host.WaitForRepliesAsync(Phone);

        Assert.Contains("[A file, notes.txt, was sent but has not arrived yet.]", model.Requests[0].LastUserText, StringComparison.Ordinal);

        source.Ready = true;
        await host.AdvanceUntilAsync(async () => await AttachmentCountAsync(host) == 1, TimeSpan.FromSeconds(1));
        await host.SendAsync(Phone, "did it come?");
        await host.WaitForRepliesAsync(Phone, count: 2);

        var history = string.Join('\n', model.Requests[^1].Messages.Select(message => message.Text));
        Assert.DoesNotContain("has not arrived yet", history, StringComparison.Ordinal);
        Assert.Contains("notes.txt", history, StringComparison.Ordinal);
    }

    private static async Task<long> AttachmentCountAsync(TapbackTestHost host)
    {
        await using var connection = await host.Services.GetRequiredService<Tapback.Storage.Database>().OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT count(*) FROM attachments");
    }
}
