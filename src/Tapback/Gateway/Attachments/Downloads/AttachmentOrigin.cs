namespace Tapback.Gateway.Attachments.Downloads;

/// <summary>Where the URL of an attachment came from, which decides the addresses it may reach.</summary>
internal enum AttachmentOrigin
{
    /// <summary>
    /// A hosted service or anything else off this machine's network (Blooio, Sendblue, a webhook
    /// payload). Its URLs may reach only public addresses: a forged URL must not make Tapback read
    /// its own admin endpoints, a cloud metadata service or the LAN.
    /// </summary>
    Remote,

    /// <summary>
    /// A transport the operator runs on their own machine or network (the simulator, a BlueBubbles
    /// server on the Mac next door), whose attachments legitimately live on loopback or LAN addresses.
    /// </summary>
    Local,
}
