namespace Tapback.Agent.Tools;

internal static class BuiltInToolNames
{
    public const string React = "react";
    public const string AskUser = "ask_user";
    public const string CurrentTime = "current_time";

    public static bool IsBuiltIn(string name) => name is React or AskUser or CurrentTime;
}
