using System.Net;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>Authorization: Bearer &lt;key&gt; on every call; a refused call creates and charges nothing.</summary>
[Trait("Category", "Integration")]
public sealed class AuthenticationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer    ")]
    [InlineData("Basic c2stdGVzdC1rZXk6")]
    [InlineData("Token sk-test-key")]
    [InlineData("sk-test-key")]
    public async Task Submit_WithoutABearerKey_Answers401WithTheErrorBodyAndCreatesNothing(string? authorization)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var balance = sim.State.Balance;

        using var response = await sim.SubmitAsync(authorization: authorization);

        await sim.AssertVendorErrorAsync(response, HttpStatusCode.Unauthorized, SimulatorEndpoints.SubmitPath);
        Assert.Equal(0, sim.State.GenerationsCreated);
        Assert.Equal(balance, sim.State.Balance);
    }

    [Fact]
    public async Task Submit_WithAKeyThatIsNotAccepted_Answers401AndCreatesNothing()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.AcceptedKeys = ["good"]);
        var balance = sim.State.Balance;

        using var response = await sim.SubmitAsync(authorization: "Bearer bad");

        await sim.AssertVendorErrorAsync(response, HttpStatusCode.Unauthorized, SimulatorEndpoints.SubmitPath);
        Assert.Equal(0, sim.State.GenerationsCreated);
        Assert.Equal(1, sim.State.SubmitRequests);
        Assert.Equal(balance, sim.State.Balance);
    }

    [Fact]
    public async Task Submit_WithAnAcceptedKey_IsAccepted()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.AcceptedKeys = ["good"]);

        using var response = await sim.SubmitAsync(authorization: "Bearer good");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, sim.State.GenerationsCreated);
    }

    [Fact]
    public async Task Submit_WithoutAKeyAndAnInvalidBody_Answers401RatherThan400()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.PostSubmitAsync("{not json", authorization: null);

        await sim.AssertVendorErrorAsync(response, HttpStatusCode.Unauthorized, SimulatorEndpoints.SubmitPath);
    }

    [Fact]
    public async Task Poll_WithAWrongKey_Answers401WithTheErrorBody()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.AcceptedKeys = [SimulatorHarness.Key]);
        var id = await sim.SubmitAcceptedAsync();

        using var response = await sim.PollAsync(id, authorization: "Bearer someone-else");

        await sim.AssertVendorErrorAsync(response, HttpStatusCode.Unauthorized, SimulatorEndpoints.SubmitPath);
    }

    [Fact]
    public async Task Poll_WithoutAKey_Answers401WithTheErrorBody()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedAsync();

        using var response = await sim.PollAsync(id, authorization: null);

        await sim.AssertVendorErrorAsync(response, HttpStatusCode.Unauthorized, SimulatorEndpoints.SubmitPath);
    }
}
