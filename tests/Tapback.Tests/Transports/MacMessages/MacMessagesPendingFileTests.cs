namespace Tapback.Tests.Transports.MacMessages;

/// <summary>A chat.db file iCloud has not downloaded yet: the message is answered, and the file joins it when it appears.</summary>
public sealed class MacMessagesPendingFileTests
{
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9];

    [Fact]
    public async Task Poll_PhotoNotOnDiskAfterTheGrace_MessageAnsweredAndThePhotoJoinsItWhenItAppears()
    {
        await using var mac = await MacMessagesHost.StartAsync();
        var photo = Path.Combine(mac.ChatDb.Directory, "IMG_0042.jpeg");
        await File.WriteAllBytesAsync(photo, Photo);
        var (rowId, _) = mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "\uFFFC", mac.Now);
        mac.ChatDb.AddAttachment(rowId, photo, "image/jpeg", "IMG_0042.jpeg");
        // The row and its attachment row are there; the file itself is still in iCloud.
        File.Delete(photo);

        await mac.WaitForAnswerAsync();

        Assert.Equal(1, await mac.InboundCountAsync());
        Assert.Equal(0, await mac.CountAsync("SELECT count(*) FROM attachments"));
        Assert.Equal(1, await mac.CountAsync("SELECT count(*) FROM pending_attachments"));

        await File.WriteAllBytesAsync(photo, Photo);
        await mac.PollUntilAsync(async () => await mac.CountAsync("SELECT count(*) FROM attachments") == 1);

        Assert.Equal([("IMG_0042.jpeg", "image/jpeg", 9L)], await mac.QueryAsync<(string, string, long)>("SELECT file_name, content_type, size_bytes FROM attachments"));
        Assert.Equal(0, await mac.CountAsync("SELECT count(*) FROM pending_attachments"));
    }
}
