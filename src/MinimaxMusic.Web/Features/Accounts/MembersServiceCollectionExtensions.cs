using Microsoft.AspNetCore.Identity;

namespace MinimaxMusic.Web.Features.Accounts;

internal static class MembersServiceCollectionExtensions
{
    /// <summary>Invites and member management; a disabled account's cookie stops working within a minute.</summary>
    public static WebApplicationBuilder AddMembers(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MemberService>();
        // Disabling a member changes their security stamp; Identity re-checks the stamp of a cookie this often.
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        return builder;
    }
}
