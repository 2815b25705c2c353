namespace Tapback.Gateway.OptOut;

/// <summary>One opted-out handle in the admin API.</summary>
internal sealed record OptOutView(string Transport, string Handle, string Keyword, DateTimeOffset OptedOutAt);
