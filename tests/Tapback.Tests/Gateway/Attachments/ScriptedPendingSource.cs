using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Gateway.Attachments.Pending;

namespace Tapback.Tests.Gateway.Attachments;

/// <summary>
/// A pending-file source for the simulator, scripted by the test: not there until <see cref="Ready"/>
/// (a server that has not got the file yet), or refused for good; once ready, a small file.
/// </summary>
internal sealed class ScriptedPendingSource : IPendingAttachmentSource
{
    private volatile bool _ready;
    private int _calls;

    public string Transport => "simulator";

    /// <summary>Set once the host is built: the store the file is saved to.</summary>
    public AttachmentStore? Store { get; set; }

    public bool Ready
    {
        get => _ready;
        set => _ready = value;
    }

    /// <summary>Every try is refused as a file that can never be fetched (too large).</summary>
    public bool Refuse { get; init; }

    public int Calls => Volatile.Read(ref _calls);

    public async Task<StoredAttachment> FetchAsync(PendingAttachment file, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (Refuse)
        {
            throw new AttachmentDownloadException(AttachmentDownloadFailure.TooLarge, "Too large.");
        }

        if (!Ready)
        {
            throw new AttachmentDownloadException(AttachmentDownloadFailure.Failed, "The server answered 500: not on the server yet.");
        }

        return await Store!.SaveAsync("att_" + file.Key, file.FileName ?? "file", file.ContentType ?? "application/octet-stream", "remember the milk"u8.ToArray(), cancellationToken);
    }
}
