using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MinimaxMusic.Web.Features.Accounts;

/// <summary>
/// <c>Authorization: Bearer mmw_…</c>: signs the request in as the token's owner, with the same claims (name, roles) a
/// cookie sign-in gives, so endpoints cannot tell the two apart.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    SignInManager<AppUser> signIn) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ApiTokens.TryRead(Request, out var raw))
        {
            return AuthenticateResult.NoResult();
        }

        if (await tokens.ValidateAsync(raw, Context.RequestAborted) is not { } user)
        {
            return AuthenticateResult.Fail("The API token is unknown or revoked, or its account cannot sign in.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var source = principal.Identities.First();
        var identity = new ClaimsIdentity(source.Claims, Scheme.Name, source.NameClaimType, source.RoleClaimType);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}
