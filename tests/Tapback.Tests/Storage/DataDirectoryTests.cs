using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Attachments;
using Tapback.Tests.Dashboard;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Storage;

/// <summary>What Tapback writes under its data directory is the owner's alone: folders 0700, files 0600.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class DataDirectoryTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Start_FreshDataDirectory_FoldersAre0700AndFilesAre0600()
    {
        var parent = Directory.CreateTempSubdirectory("tapback-modes-").FullName;
        var data = Path.Combine(parent, "data", "tapback");
        try
        {
            await using var host = await TapbackTestHost.StartAsync(DashboardClient.Settings(), data);
            await host.SendAsync("+15550109001", "hello");
            await host.WaitForRepliesAsync("+15550109001");
            using var dashboard = await DashboardClient.SignedInAsync(host);
            var stored = await host.Services.GetRequiredService<AttachmentStore>().SaveAsync("att_modes", "note.txt", "text/plain", "private bytes"u8.ToArray());

            Assert.Equal(Folder, File.GetUnixFileMode(Path.Combine(parent, "data")));
            Assert.Equal(Folder, File.GetUnixFileMode(data));
            Assert.Equal(Folder, File.GetUnixFileMode(Path.Combine(data, "node")));
            Assert.Equal(Folder, File.GetUnixFileMode(Path.Combine(data, "attachments")));
            Assert.Equal(File600, File.GetUnixFileMode(Path.Combine(data, "gateway.key")));
            Assert.Equal(File600, File.GetUnixFileMode(Path.Combine(data, "node", "0.id")));
            Assert.Equal(File600, File.GetUnixFileMode(Path.Combine(data, "attachments", stored.Sha256)));
            if (!TestStore.IsPostgres)
            {
                // The pool keeps connections open, so the write-ahead log and its index are there now.
                foreach (var file in new[] { "tapback.db", "tapback.db-wal", "tapback.db-shm" })
                {
                    var path = Path.Combine(data, file);
                    Assert.True(File.Exists(path), $"{file} should exist while Tapback runs.");
                    Assert.Equal(File600, File.GetUnixFileMode(path));
                }
            }
        }
        finally
        {
            await TestStore.DropAsync(data);
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task Start_FilesAnOlderVersionLeftReadable_AreNarrowedTo0600()
    {
        var data = Directory.CreateTempSubdirectory("tapback-modes-").FullName;
        try
        {
            await using (var first = await TapbackTestHost.StartAsync(DashboardClient.Settings(), data))
            {
                using var dashboard = await DashboardClient.SignedInAsync(first);
            }

            var readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            string[] files = TestStore.IsPostgres ? ["gateway.key"] : ["gateway.key", "tapback.db"];
            foreach (var file in files)
            {
                File.SetUnixFileMode(Path.Combine(data, file), readable);
            }

            await using (var second = await TapbackTestHost.StartAsync(DashboardClient.Settings(), data))
            {
                using var dashboard = await DashboardClient.SignedInAsync(second);
            }

            Assert.All(files, file => Assert.Equal(File600, File.GetUnixFileMode(Path.Combine(data, file))));
        }
        finally
        {
            await TestStore.DropAsync(data);
            Directory.Delete(data, recursive: true);
        }
    }
}
