using Microsoft.AspNetCore.Identity;

namespace MinimaxMusic.Web.Features.Accounts;

/// <summary>A team member. Passwords are hashed by Identity; a disabled account cannot sign in.</summary>
public sealed class AppUser : IdentityUser
{
    public DateTime CreatedAtUtc { get; set; }

    public bool IsDisabled { get; set; }
}

/// <summary>The two roles: admins run the workspace, members make songs.</summary>
public static class AccountRoles
{
    public const string Admin = "Admin";
    public const string Member = "Member";

    public static readonly IReadOnlyList<string> All = [Admin, Member];
}

internal static class AccountCreation
{
    /// <summary>
    /// A new account (the email is the user name) with a role: the one way accounts are made, by setup, invites and
    /// open registration. Inside the caller's transaction when there is one. The user, or null and what to tell the person.
    /// </summary>
    public static async Task<(AppUser? User, IReadOnlyList<string> Errors)> CreateAccountAsync(
        this Microsoft.AspNetCore.Identity.UserManager<AppUser> users, string? email, string? password, string role, DateTime nowUtc)
    {
        var address = email?.Trim() ?? string.Empty;
        var user = new AppUser { UserName = address, Email = address, EmailConfirmed = true, CreatedAtUtc = nowUtc };
        var result = await users.CreateAsync(user, password ?? string.Empty);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }

        return result.Succeeded ? (user, []) : (null, [.. result.Errors.Select(e => e.Description)]);
    }
}
