using Microsoft.Extensions.Options;

namespace MinimaxMusic.Web.Hosting;

/// <summary>
/// What every feature's <c>AddXyz</c> builds on, so each can be called more than once (by another feature that needs
/// it, or by a test) and still registers everything once.
/// </summary>
internal static class ServiceRegistration
{
    /// <summary>Whether <typeparamref name="TService"/> is registered: for framework calls that are not idempotent themselves.</summary>
    public static bool Has<TService>(this IServiceCollection services) =>
        services.Any(d => d.ServiceType == typeof(TService));

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="sectionName"/> and validates its data annotations at start-up,
    /// once: a second call (another feature using the same options) adds nothing.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string sectionName)
        where TOptions : class
    {
        var options = services.AddOptions<TOptions>();
        // BindConfiguration registers the section's change token source: its presence means the options are bound already.
        return services.Has<IOptionsChangeTokenSource<TOptions>>()
            ? options
            : options.BindConfiguration(sectionName).ValidateDataAnnotations().ValidateOnStart();
    }
}
