using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Tapback.Agent.Models;

/// <summary>
/// The model of last resort: no network, no tools, the same answer for the same words. It keeps a
/// fresh install answering texts, and each answer tells the person how to give the agent a real model.
/// </summary>
internal sealed class OfflineChatClient : IChatClient
{
    public const string ModelId = "offline";

    private static readonly ChatClientMetadata Metadata = new(ModelProviders.Offline, providerUri: null, ModelId);

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var reply = new ChatMessage(ChatRole.Assistant, OfflineReply.For(messages));
        return Task.FromResult(new ChatResponse(reply) { ModelId = ModelId, FinishReason = ChatFinishReason.Stop });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);

        // One update per paragraph, so consumers that stream bubbles see more than one chunk.
        var paragraphs = OfflineReply.For(messages).Split("\n\n");
        for (var i = 0; i < paragraphs.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var last = i == paragraphs.Length - 1;
            yield return new ChatResponseUpdate(ChatRole.Assistant, last ? paragraphs[i] : paragraphs[i] + "\n\n")
            {
                ModelId = ModelId,
                FinishReason = last ? ChatFinishReason.Stop : null,
            };
            await Task.Yield();
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? Metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // Nothing held.
    }
}
