namespace Tapback.Agent.Tools;

internal static class BuiltInToolNames
{
    public const string React = "react";
    public const string AskUser = "ask_user";
    public const string CurrentTime = "current_time";

    /// <summary>Sends the answer as an inline reply and/or with an effect, where the transport carries them.</summary>
    public const string StyleAnswer = "style_answer";

    public static bool IsBuiltIn(string name) => name is React or AskUser or CurrentTime or StyleAnswer;
}
