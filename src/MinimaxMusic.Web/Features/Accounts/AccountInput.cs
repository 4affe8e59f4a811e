namespace MinimaxMusic.Web.Features.Accounts;

/// <summary>What the setup and sign-in forms post.</summary>
public sealed class AccountInput
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}
