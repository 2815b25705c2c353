namespace Tapback.Client;

/// <summary>The types of the frames the client writes, and of the gateway's answers it waits for.</summary>
internal static class FrameTypes
{
    public const string Ready = "ready";
    public const string Ack = "ack";
    public const string SendMessage = "send_message";
    public const string SendReaction = "send_reaction";
    public const string StartTyping = "start_typing";
    public const string StopTyping = "stop_typing";
    public const string MarkRead = "mark_read";
    public const string UploadAttachment = "upload_attachment";
    public const string UploadAttachmentResponse = "upload_attachment.response";
    public const string EditMessage = "edit_message";
    public const string UnsendMessage = "unsend_message";
}
