using Tapback.Agent.Models;

namespace Tapback.Agent;

/// <summary>The model chosen at start-up, created once and shared by every turn.</summary>
internal sealed class ActiveChatModel(ChatModelFactory factory)
{
    private readonly Lazy<Task<ChatModel>> _model = new(() => factory.CreateAsync());

    public Task<ChatModel> GetAsync() => _model.Value;
}
