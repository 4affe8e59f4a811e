using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Accounts;

namespace MinimaxMusic.Web.Tests.Infrastructure;

/// <summary>Members besides the admin: made directly through Identity, signed in through the real /login form.</summary>
internal static class TeamMembers
{
    public const string Password = "a member's long passphrase";

    public static async Task AddAsync(IServiceProvider services, string email, string role = AccountRoles.Member)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    /// <summary>An HttpClient signed in as <paramref name="email"/> (cookie kept), checked against the API.</summary>
    public static async Task<HttpClient> LogInAsync(Uri baseAddress, string email, CancellationToken cancellationToken, bool allowAutoRedirect = true)
    {
#pragma warning disable CA2000 // The handler is owned by the HttpClient (disposeHandler: true), which goes to the caller.
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = allowAutoRedirect };
#pragma warning restore CA2000
        var client = new HttpClient(handler) { BaseAddress = baseAddress };
        try
        {
            var form = new HtmlParser().ParseDocument(await client.GetStringAsync("login", cancellationToken)).QuerySelector("form.account-form")!;
            var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
            fields["Input.Email"] = email;
            fields["Input.Password"] = Password;
            using var content = new FormUrlEncodedContent(fields);
            using var response = await client.PostAsync("login", content, cancellationToken);
            using var check = await client.GetAsync("api/generations", cancellationToken);
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
