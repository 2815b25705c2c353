namespace Tapback.Agent.Tools;

/// <summary>The model's <c>ask_user</c> call, read from its arguments.</summary>
internal sealed record AskUserCall(string CallId, string Question, IReadOnlyList<string> Options);
