using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Spending;

/// <summary>
/// Quotas:SongsPerUserPerDay over the real API against the simulator (the production wiring): the submit over the
/// limit is refused before anything reaches the vendor, and one person's limit is theirs alone.
/// </summary>
[Trait("Category", "Integration")]
public sealed class QuotaApiTests : IAsyncLifetime
{
    private const string MemberEmail = "member@example.test";
    private const string OtherEmail = "other@example.test";
    private SimulatedUpstream _upstream = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _upstream = await SimulatedUpstream.StartAsync(configureApp: settings => settings["Quotas:SongsPerUserPerDay"] = "2");
        // The first client creates the admin through /setup; members need an admin to exist.
        using var admin = _upstream.App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/generations", Token)).StatusCode);
        await AddMemberAsync(MemberEmail);
        await AddMemberAsync(OtherEmail);
    }

    public async ValueTask DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task AMembersThirdSongOfTheDay_IsRefusedWithTheReason_AndNeverSent_WhileAnotherMemberIsUnaffected()
    {
        using var member = await LogInAsync(MemberEmail);
        using var other = await LogInAsync(OtherEmail);

        using var first = await SubmitAsync(member, "First harbour song\nSails at dawn", "key-1");
        using var second = await SubmitAsync(member, "Second harbour song\nSails at noon", "key-2");
        using var third = await SubmitAsync(member, "Third harbour song\nSails at dusk", "key-3");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.Contains("You have made 2 of your 2 songs today; the limit resets at 00:00 UTC.",
            await third.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(2, _upstream.Simulator.State.SubmitRequests);

        // A repeat of an accepted key still answers with its song: retries are not new songs.
        using var repeat = await SubmitAsync(member, "First harbour song\nSails at dawn", "key-1");
        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        Assert.Equal(await IdAsync(first), await IdAsync(repeat));

        using var others = await SubmitAsync(other, "Other's mountain song\nSnow at noon", "key-4");
        Assert.Equal(HttpStatusCode.Accepted, others.StatusCode);
        Assert.Equal(3, _upstream.Simulator.State.SubmitRequests);
    }

    [Fact]
    public async Task SimultaneousSubmits_AtTheLimit_MakeExactlyTheSongsLeft_AndSendNoMore()
    {
        using var member = await LogInAsync(MemberEmail);

        // Six at once (a double-clicking person, a script): the limit is 2, so exactly two are made and sent.
        var responses = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            SubmitAsync(member, $"Song number {i}\nAll at once", $"burst-{i}")));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        Assert.Equal(2, _upstream.Simulator.State.SubmitRequests);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private Task AddMemberAsync(string email) => TeamMembers.AddAsync(_upstream.App.Services, email);

    private Task<HttpClient> LogInAsync(string email) => TeamMembers.LogInAsync(_upstream.App.BaseAddress, email, Token);

    private Task<HttpResponseMessage> SubmitAsync(HttpClient client, string lyrics, string key) =>
        client.PostAsJsonAsync("api/generations", new { lyrics, referenceAudioUrl = _upstream.Reference, idempotencyKey = key }, Token);

    private static async Task<Guid> IdAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
}
