using Microsoft.Extensions.Options;

namespace Tapback.Transports;

/// <summary>
/// One transport instance's settings: bound from <c>Tapback:Transports:&lt;name&gt;</c> as the named options
/// <c>name</c> and checked once at start by the kind's validator, which reports every bad key together.
/// Registration itself never throws on a bad value, so a start lists all of them instead of the first.
/// </summary>
internal static class TransportOptions
{
    public static string Section(string name) => $"{TransportsServiceCollectionExtensions.SectionName}:{name}";

    /// <summary>Registers the check and returns the bound settings the instance's services are built with.</summary>
    public static TOptions Add<TOptions>(IServiceCollection services, string name, IConfigurationSection section, IValidateOptions<TOptions> validator)
        where TOptions : class, new()
    {
        services.AddSingleton(validator);
        services.AddOptions<TOptions>(name).Bind(section).ValidateOnStart();
        var options = new TOptions();
        section.Bind(options);
        return options;
    }
}
