namespace Tapback.Agent.Media;

/// <summary>What the agent does with an attachment.</summary>
internal enum MediaKind
{
    /// <summary>Shown to the model as an image.</summary>
    Image,

    /// <summary>Transcribed, and shown to the model as words.</summary>
    Audio,

    /// <summary>Described by name, type and size.</summary>
    Other,
}
