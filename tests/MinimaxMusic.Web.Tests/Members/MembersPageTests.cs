using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Hosting;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Members;

/// <summary>The members page over a real, migrated SQLite file with Identity, signed in as the only admin.</summary>
public sealed class MembersPageTests : MudBunitContext
{
    private const string AdminEmail = "admin@example.test";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("minimaxmusic-members-").FullName;
    private readonly string _adminId = Guid.NewGuid().ToString();
    private readonly string _memberId = Guid.NewGuid().ToString();

    public MembersPageTests()
    {
        Services.AddAppWithoutHost(AppServices.Configuration(_dataDirectory));

        var authorization = AddAuthorization();
        authorization.SetAuthorized(AdminEmail);
        authorization.SetRoles(AccountRoles.Admin);
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, _adminId));

        using (var db = Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            db.Database.Migrate();
        }

        using (var scope = Services.CreateScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var role in AccountRoles.All)
            {
                roles.CreateAsync(new IdentityRole(role)).GetAwaiter().GetResult();
            }

            Add(users, _adminId, AdminEmail, AccountRoles.Admin);
            Add(users, _memberId, "member@example.test", AccountRoles.Member);
        }

    }

    [Fact]
    public void CreatingAnInvite_ShowsTheLinkOnce_AndListsTheUnusedInvite()
    {
        var page = Render<MembersPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr.member").Count));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Create invite link").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".member-invite-link input")));
        var link = page.Find(".member-invite-link input").GetAttribute("value")!;
        // Absolute, on the address the admin browses at (bUnit's is http://localhost/): a link ready to send.
        Assert.StartsWith("http://localhost/invite/", link, StringComparison.Ordinal);
        Assert.NotNull(page.Find(".member-invite-link input").GetAttribute("readonly"));
        Assert.Single(page.FindAll("button"), b => b.TextContent.Trim() == "Copy");
        Assert.Single(page.FindAll("tr.member-invite-row"));
        Assert.DoesNotContain(link, Render<MembersPage>().Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRegistrationSwitch_IsOffByDefault_AndOpensAndClosesRegistration()
    {
        var page = Render<MembersPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr.member").Count));
        Assert.Null(page.Find(".member-open-registration input").GetAttribute("checked"));
        Assert.Equal("Off: people join only with an invite link.", page.Find(".member-registration-help").TextContent.Trim());

        page.Find(".member-open-registration input").Change(true);

        page.WaitForAssertion(() => Assert.StartsWith("On: anyone who can reach this server", page.Find(".member-registration-help").TextContent.Trim(), StringComparison.Ordinal));
        Assert.True(await IsRegistrationOpenAsync());

        page.Find(".member-open-registration input").Change(false);

        page.WaitForAssertion(() => Assert.Equal("Off: people join only with an invite link.", page.Find(".member-registration-help").TextContent.Trim()));
        Assert.False(await IsRegistrationOpenAsync());

        async Task<bool> IsRegistrationOpenAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MemberService>().IsRegistrationOpenAsync(Xunit.TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public void DisablingAMember_ShowsItDisabled_AndTheLastAdminIsRefusedWithAReason()
    {
        var page = Render<MembersPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr.member").Count));

        Row(page, _memberId).QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Disable").Click();
        page.WaitForAssertion(() => Assert.Equal("Disabled", Row(page, _memberId).QuerySelector(".member-status")!.TextContent.Trim()));
        Assert.Contains("Role for member@example.test", page.Markup, StringComparison.Ordinal);

        Row(page, _adminId).QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Disable").Click();
        page.WaitForAssertion(() => Assert.Equal(MemberService.LastAdminMessage, page.Find(".member-error").TextContent.Trim()));
        Assert.Equal("Active", Row(page, _adminId).QuerySelector(".member-status")!.TextContent.Trim());
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<MembersPage> page, string id) =>
        page.Find($"tr.member[data-member-id='{id}']");

    private static void Add(UserManager<AppUser> users, string id, string email, string role)
    {
        var user = new AppUser { Id = id, UserName = email, Email = email, EmailConfirmed = true };
        var created = users.CreateAsync(user, "a long test passphrase").GetAwaiter().GetResult();
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True(users.AddToRoleAsync(user, role).GetAwaiter().GetResult().Succeeded);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
