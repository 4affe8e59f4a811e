using Microsoft.AspNetCore.Identity;

namespace MinimaxMusic.Web.Features.Accounts;

/// <summary>Creating accounts and signing in, with the reasons a person can act on when it does not work.</summary>
internal sealed class AccountService(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    SignInManager<AppUser> signIn,
    SetupState setup,
    TimeProvider time)
{
    public async Task<IReadOnlyList<string>> CreateFirstAdminAsync(string? email, string? password)
    {
        using var _ = await setup.LockAsync();
        if (await setup.IsDoneAsync())
        {
            return ["This workspace already has an admin. Log in instead."];
        }

        foreach (var role in AccountRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var (user, errors) = await users.CreateAccountAsync(email, password, AccountRoles.Admin, time.GetUtcNow().UtcDateTime);
        if (user is null)
        {
            return errors;
        }

        setup.MarkDone();
        await signIn.SignInAsync(user, isPersistent: true);
        return [];
    }

    private const string WrongEmailOrPassword = "The email or password is wrong.";

    /// <summary>Signs in with email and password; null when it worked, else what to tell the person.</summary>
    public async Task<string?> LogInAsync(string? email, string? password)
    {
        var user = await users.FindByEmailAsync(email?.Trim() ?? string.Empty);
        if (user is { IsDisabled: true })
        {
            // Said only to the account's owner: a stranger trying emails learns nothing about disabled accounts.
            return await users.CheckPasswordAsync(user, password ?? string.Empty)
                ? "This account is disabled. Ask an admin of this workspace."
                : WrongEmailOrPassword;
        }

        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, password ?? string.Empty, isPersistent: true, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return null;
        }

        if (result.IsLockedOut && user?.LockoutEnd is { } until)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalMinutes));
            return $"Too many failed attempts. This account is locked; try again in {minutes} minute{(minutes == 1 ? "" : "s")}.";
        }

        return WrongEmailOrPassword;
    }
}
