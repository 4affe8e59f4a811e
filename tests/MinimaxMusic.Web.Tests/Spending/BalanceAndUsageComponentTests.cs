using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Create;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.Spending;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Upstream;
using Refit;

namespace MinimaxMusic.Web.Tests.Spending;

/// <summary>The admin-only balance chip (with a counting fake vendor) and "N of M today" on the Create page.</summary>
public sealed class BalanceAndUsageComponentTests : AppServicesContext
{
    private readonly BillingUpstream _billing = new();

    private int? Limit { get; set; }

    /// <summary>The counting vendor double for billing, and the limit each test sets (read when first rendered).</summary>
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ReplaceUpstream(_billing);
        services.Configure<QuotaOptions>(o => o.SongsPerUserPerDay = Limit);
    }

    [Fact]
    public void AnAdmin_SeesTheBalance_ReadOncePerMinute()
    {
        SignIn(AdminEmail, AccountRoles.Admin);

        var first = Render<BalanceChip>();
        var second = Render<BalanceChip>();

        first.WaitForAssertion(() => Assert.Equal("Balance: $987.65", first.Find(".aiml-balance").TextContent.Trim()));
        second.WaitForAssertion(() => Assert.Equal("Balance: $987.65", second.Find(".aiml-balance").TextContent.Trim()));
        Assert.Equal(1, _billing.Calls);
    }

    [Fact]
    public void AMember_DoesNotSeeTheBalance_AndCausesNoBillingCall()
    {
        SignIn(MemberEmail, AccountRoles.Member);

        var chip = Render<BalanceChip>();

        Assert.Empty(chip.FindAll(".aiml-balance"));
        Assert.Equal(0, _billing.Calls);
    }

    [Fact]
    public async Task AFailedBalanceRead_SaysSo_WithoutTheKey()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.test/v2/billing");
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("{}") };
        _billing.Failure = await ApiException.Create(request, HttpMethod.Get, response, new RefitSettings());
        var reading = await Services.GetRequiredService<BillingService>().GetBalanceAsync(Xunit.TestContext.Current.CancellationToken);

        Assert.Null(reading.Amount);
        Assert.Equal("The AIML balance could not be read: The API key was refused by the AIML service. Check AimlApi__ApiKey.", reading.Problem);
        // A failing vendor is asked once a minute too, not on every page load.
        Assert.Equal(reading, await Services.GetRequiredService<BillingService>().GetBalanceAsync(Xunit.TestContext.Current.CancellationToken));
        Assert.Equal(1, _billing.Calls);
    }

    [Fact]
    public void TheCreatePage_ShowsTodaysUsage_WhenALimitIsSet()
    {
        Limit = 10;
        SeedTodaysSongs(SignIn(MemberEmail), 3);

        var page = Render<CreatePage>();

        page.WaitForAssertion(() => Assert.Equal("3 of 10 today", page.Find(".quota-usage").TextContent.Trim()));
    }

    [Fact]
    public void TheCreatePage_ShowsNoUsage_WithoutALimit()
    {
        SeedTodaysSongs(SignIn(MemberEmail), 3);

        var page = Render<CreatePage>();

        Assert.Empty(page.FindAll(".quota-usage"));
    }

    private void SeedTodaysSongs(string ownerId, int count)
    {
        using var db = Database.CreateDbContext();
        for (var i = 0; i < count; i++)
        {
            db.Generations.Add(new SongBuilder
            {
                Id = Guid.NewGuid(),
                Title = "Song",
                Lyrics = "Song",
                ReferenceAudioUrl = "https://example.com/reference.mp3",
                OwnerId = ownerId,
                CreatedAtUtc = DateTime.UtcNow,
                Status = GenerationStatus.Completed,
                UpstreamId = $"up-{i}",
            }.Build());
        }

        db.SaveChanges();
    }

    private sealed class BillingUpstream : IAimlApi
    {
        public int Calls { get; private set; }

        public Exception? Failure { get; set; }

        public Task<IApiResponse<SubmitGenerationResponse>> SubmitAsync(
            System.Text.Json.Nodes.JsonObject request, string clientRequestId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Not under test.");

        public Task<LogsResponse> ListLogsAsync(
            string? period = null, DateTimeOffset? start = null, DateTimeOffset? end = null, IEnumerable<string>? models = null,
            IEnumerable<string>? statuses = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Not under test.");

        public Task<GenerationResponse> PollAsync(string generationId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Not under test.");

        public Task<BillingResponse> GetBillingAsync(CancellationToken cancellationToken = default)
        {
            Calls++;
            return Failure is null ? Task.FromResult(new BillingResponse(987.65m, "USD")) : Task.FromException<BillingResponse>(Failure);
        }
    }
}
