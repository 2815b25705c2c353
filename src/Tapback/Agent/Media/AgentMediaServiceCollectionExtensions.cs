using System.Net;
using Tapback.Configuration;
using Tapback.Agent.Media.Images;
using Tapback.Agent.Media.Voice;

namespace Tapback.Agent.Media;

internal static class AgentMediaServiceCollectionExtensions
{
    /// <summary>Registers what turns photos and voice notes into content the model takes.</summary>
    public static IServiceCollection AddAgentMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MediaOptions, MediaOptionsValidator>(configuration.GetSection(MediaOptions.SectionName));
        services.AddValidatedOptions<SpeechToTextSettings, SpeechToTextSettingsValidator>(configuration.GetSection(SpeechToTextSettings.SectionName));
        services.AddValidatedOptions<TextToSpeechSettings, TextToSpeechSettingsValidator>(configuration.GetSection(TextToSpeechSettings.SectionName));

        // The SDK holds its HttpClient for the life of the process and retries on its own (see AddChatModels).
        foreach (var name in (string[])[SpeechToTextFactory.HttpClientName, TextToSpeechFactory.HttpClientName])
        {
            services.AddHttpClient(name)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    AutomaticDecompression = DecompressionMethods.All,
                })
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        }

        services.AddSingleton<SpeechToTextFactory>();
        services.AddSingleton<ActiveSpeechToText>();
        services.AddSingleton<AudioConverter>();
        services.AddSingleton<TranscriptStore>();
        services.AddSingleton<VoiceNoteTranscriber>();
        services.AddSingleton<TextToSpeechFactory>();
        services.AddSingleton<ActiveTextToSpeech>();
        services.AddSingleton<VoiceReplySpeaker>();
        services.AddSingleton<ImagePreparer>();
        services.AddSingleton<AttachmentRenderer>();
        services.AddHostedService<MediaStartupReport>();
        return services;
    }
}
