using Microsoft.Extensions.Options;

namespace Tapback.Configuration;

/// <summary>The one way a section is registered: bound, checked at start by its validator, every failure named.</summary>
internal static class ValidatedOptions
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddOptions<TOptions>().Bind(section).ValidateOnStart();
    }
}
