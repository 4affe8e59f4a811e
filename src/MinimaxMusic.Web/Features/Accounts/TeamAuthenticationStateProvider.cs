using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MinimaxMusic.Web.Features.Accounts;

/// <summary>
/// Keeps the person in an open Blazor circuit current: as often as Identity re-checks a cookie
/// (<see cref="SecurityStampValidatorOptions.ValidationInterval"/>), the account is read again. A disabled, deleted or
/// signed-out-everywhere account loses the circuit (the page sends them to sign in); a changed role takes effect in
/// place (an admin link appears or disappears, services decide with the new role). Without this, a page left open
/// kept the rights its user had when it was opened.
/// </summary>
internal sealed class TeamAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private static readonly AuthenticationState SignedOut = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _interval;
    private readonly ILogger<TeamAuthenticationStateProvider> _logger;
    private CancellationTokenSource? _loop;

    public TeamAuthenticationStateProvider(
        IServiceScopeFactory scopes, IOptions<SecurityStampValidatorOptions> stampOptions, TimeProvider clock,
        ILogger<TeamAuthenticationStateProvider> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _interval = stampOptions.Value.ValidationInterval;
        _logger = logger;
        AuthenticationStateChanged += Watch;
    }

    /// <summary>
    /// Whether this scope was given a signed-in state (a circuit or a rendered page). API requests are not: asking
    /// for their state would throw, so <see cref="CurrentUser"/> reads the request's user instead.
    /// </summary>
    public bool HasState { get; private set; }

    private void Watch(Task<AuthenticationState> state)
    {
        HasState = true;
        _loop?.Cancel();
        _loop?.Dispose();
        _loop = new CancellationTokenSource();
        _ = WatchAsync(state, _loop.Token);
    }

    private async Task WatchAsync(Task<AuthenticationState> state, CancellationToken cancellationToken)
    {
        try
        {
            var user = (await state).User;
            if (user.Identity?.IsAuthenticated != true || CurrentUser.Id(user) is null)
            {
                return;
            }

            using var timer = new PeriodicTimer(_interval, _clock);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                ClaimsPrincipal? now;
                try
                {
                    now = await ReadAccountAsync(user, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database was unreachable for a moment: keep the circuit as it is and look again next time.
                    _logger.LogWarning(ex, "Could not re-check the signed-in account of an open page");
                    continue;
                }

                if (now is null)
                {
                    SetAuthenticationState(Task.FromResult(SignedOut));
                    return;
                }

                if (!ReferenceEquals(now, user))
                {
                    // Raises the change event, which starts watching the new principal.
                    SetAuthenticationState(Task.FromResult(new AuthenticationState(now)));
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The circuit closed or its user changed.
        }
        catch (Exception ex)
        {
            // Never unobserved: this runs in the background of a circuit.
            _logger.LogError(ex, "Stopped re-checking the signed-in account of an open page");
        }
    }

    /// <summary>
    /// The account as it is now: null when it may no longer be used (gone, disabled, stamp changed), the same
    /// <paramref name="user"/> when its roles are unchanged, else a new principal with the new roles.
    /// </summary>
    private async Task<ClaimsPrincipal?> ReadAccountAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var account = await users.GetUserAsync(user);
        cancellationToken.ThrowIfCancellationRequested();
        if (account is null || account.IsDisabled)
        {
            return null;
        }

        var stampClaim = users.Options.ClaimsIdentity.SecurityStampClaimType;
        if (users.SupportsUserSecurityStamp && user.FindFirstValue(stampClaim) != await users.GetSecurityStampAsync(account))
        {
            return null;
        }

        // One query for the roles; the whole principal is built only when they changed.
        if (Roles(user).SetEquals(await users.GetRolesAsync(account)))
        {
            return user;
        }

        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(account);
    }

    private static HashSet<string> Roles(ClaimsPrincipal user) =>
        [.. user.Identities.SelectMany(i => i.FindAll(i.RoleClaimType)).Select(c => c.Value)];

    public void Dispose()
    {
        AuthenticationStateChanged -= Watch;
        _loop?.Cancel();
        _loop?.Dispose();
    }
}
