namespace Tapback.Messaging;

/// <summary>The service a message came over, as webhooks' <c>service</c> and the simulator name it.</summary>
internal static class MessageServices
{
    public const string IMessage = "iMessage";
    public const string Sms = "SMS";
}
