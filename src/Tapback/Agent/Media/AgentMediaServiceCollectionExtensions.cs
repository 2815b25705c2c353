using System.Net;
using Tapback.Agent.Media.Images;
using Tapback.Agent.Media.Voice;

namespace Tapback.Agent.Media;

internal static class AgentMediaServiceCollectionExtensions
{
    /// <summary>Registers what turns photos and voice notes into content the model takes.</summary>
    public static IServiceCollection AddAgentMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaOptions>()
            .Bind(configuration.GetSection(MediaOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(options => !string.IsNullOrWhiteSpace(options.FfmpegPath), "Tapback:Agent:Media:FfmpegPath must name the ffmpeg binary.")
            .Validate(options => options.MaxVoiceNoteDuration > TimeSpan.Zero && options.ConversionTimeout > TimeSpan.Zero,
                "Tapback:Agent:Media:MaxVoiceNoteDuration and ConversionTimeout must be positive.")
            .ValidateOnStart();
        services.AddOptions<SpeechToTextSettings>()
            .Bind(configuration.GetSection(SpeechToTextSettings.SectionName))
            .Validate(settings => settings.Timeout > TimeSpan.Zero, "Tapback:Agent:SpeechToText:Timeout must be positive.")
            .ValidateOnStart();

        // The SDK holds its HttpClient for the life of the process and retries on its own (see AddChatModels).
        services.AddHttpClient(SpeechToTextFactory.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.All,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.AddSingleton<SpeechToTextFactory>();
        services.AddSingleton<ActiveSpeechToText>();
        services.AddSingleton<AudioConverter>();
        services.AddSingleton<TranscriptStore>();
        services.AddSingleton<VoiceNoteTranscriber>();
        services.AddSingleton<ImagePreparer>();
        services.AddSingleton<AttachmentRenderer>();
        services.AddHostedService<MediaStartupReport>();
        return services;
    }
}
