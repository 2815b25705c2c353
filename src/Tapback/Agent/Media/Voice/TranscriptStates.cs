namespace Tapback.Agent.Media.Voice;

/// <summary>The <c>attachment_transcripts.state</c> values.</summary>
internal static class TranscriptStates
{
    public const string Done = "done";

    /// <summary>Tried and failed; tried again until done.</summary>
    public const string Failed = "failed";
}
