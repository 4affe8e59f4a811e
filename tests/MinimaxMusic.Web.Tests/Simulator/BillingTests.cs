using System.Net;
using System.Text.Json;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>GET /v2/billing: the balance in USD.</summary>
[Trait("Category", "Integration")]
public sealed class BillingTests
{
    [Fact]
    public async Task Billing_WithAKey_AnswersTheCurrentBalanceInUsd()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.StartingBalance = 123.45m);

        using var response = await sim.GetAsync("v2/billing");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await SimulatorHarness.ReadJsonAsync(response);
        var root = json.RootElement;
        Assert.Equal(["currency", "current_balance"], SimulatorHarness.PropertyNames(root));
        Assert.Equal(JsonValueKind.Number, root.GetProperty("current_balance").ValueKind);
        Assert.Equal(123.45m, root.GetProperty("current_balance").GetDecimal());
        Assert.Equal("USD", root.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Billing_AfterAnAcceptedSubmit_ReportsTheChargedBalance()
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.StartingBalance = 1m;
            o.CostPerSong = 0.05m;
        });
        await sim.SubmitAcceptedAsync();

        using var response = await sim.GetAsync("v2/billing");

        using var json = await SimulatorHarness.ReadJsonAsync(response);
        Assert.Equal(0.95m, json.RootElement.GetProperty("current_balance").GetDecimal());
        Assert.Equal(1, sim.State.BillingRequests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic c2stdGVzdC1rZXk6")]
    public async Task Billing_WithoutABearerKey_Answers401WithTheErrorBody(string? authorization)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.GetAsync("v2/billing", authorization);

        await sim.AssertVendorErrorAsync(response, HttpStatusCode.Unauthorized, SimulatorEndpoints.BillingPath);
    }

    [Fact]
    public async Task Billing_WithAKeyThatIsNotAccepted_Answers401()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.AcceptedKeys = ["good"]);

        using var response = await sim.GetAsync("v2/billing", "Bearer bad");

        await sim.AssertVendorErrorAsync(response, HttpStatusCode.Unauthorized, SimulatorEndpoints.BillingPath);
    }
}
