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
