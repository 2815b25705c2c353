namespace Tapback.Gateway.Attachments.Pending;

/// <summary>Wakes <see cref="PendingAttachmentWorker"/> early: a transport learned its server is back and files may be there now.</summary>
internal sealed class PendingAttachmentSignal : WakeSignal;
