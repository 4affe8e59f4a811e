using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Api;

/// <summary>The REST API on the real app: same service and validation as the page, problem-details errors.</summary>
[Trait("Category", "Integration")]
public sealed class GenerationsApiTests
{
    private const string Lyrics = "Morning light on the harbour\nGulls above the bay";

    [Fact]
    public async Task Post_WithValidInput_Answers202WithLocation_AndTheSongCompletes()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        using var client = env.App.CreateClient();

        var response = await client.PostAsJsonAsync("/api/generations", new { lyrics = Lyrics, referenceAudioUrl = env.Reference },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/api/generations/", location, StringComparison.Ordinal);
        var created = await ReadAsync(response);
        Assert.Equal("Queued", created.GetProperty("status").GetString());

        var id = created.GetProperty("id").GetGuid();
        await env.App.WaitForAsync(id, g => g.IsSettled());
        var song = await ReadAsync(await client.GetAsync(location, TestContext.Current.CancellationToken));
        Assert.Equal("Completed", song.GetProperty("status").GetString());
        Assert.Equal($"/media/{id}", song.GetProperty("audioUrl").GetString());
        Assert.Equal("Morning light on the harbour", song.GetProperty("title").GetString());
        Assert.Equal(1, env.Simulator.State.GenerationsCreated);
    }

    [Fact]
    public async Task Post_WithInvalidLyrics_AnswersAProblemWithTheReason_AndSubmitsNothing()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        using var client = env.App.CreateClient();

        var response = await client.PostAsJsonAsync("/api/generations", new { lyrics = new string('a', 601), referenceAudioUrl = env.Reference },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadAsync(response);
        Assert.Contains("601", problem.GetProperty("errors").GetProperty("input")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, env.Simulator.State.SubmitRequests);
    }

    [Fact]
    public async Task Get_ForAnUnknownId_AnswersA404Problem()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        using var client = env.App.CreateClient();

        var response = await client.GetAsync($"/api/generations/{Guid.NewGuid()}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task List_FiltersByStatusAndPages_NewestFirst()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        using var client = env.App.CreateClient();
        var service = env.App.CreateGenerationService();
        var ids = new List<Guid>();
        foreach (var first in new[] { "One", "Two", "Three" })
        {
            ids.Add((await service.SubmitAsync($"{first} line\nsecond line", env.Reference, TestContext.Current.CancellationToken)).GenerationId!.Value);
        }

        env.Simulator.State.Balance = 0m;
        var failed = (await service.SubmitAsync("Four line", env.Reference, TestContext.Current.CancellationToken)).GenerationId!.Value;

        var page = await ReadAsync(await client.GetAsync("/api/generations?page=1&pageSize=2", TestContext.Current.CancellationToken));
        Assert.Equal(4, page.GetProperty("total").GetInt32());
        Assert.Equal([failed, ids[2]], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

        var onlyFailed = await ReadAsync(await client.GetAsync("/api/generations?status=failed", TestContext.Current.CancellationToken));
        Assert.Equal(failed, Assert.Single(onlyFailed.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        var bad = await client.GetAsync("/api/generations?status=sideways", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Delete_RemovesTheSongAndItsArchivedAudio()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        using var client = env.App.CreateClient();
        var id = (await env.App.CreateGenerationService().SubmitAsync(Lyrics, env.Reference, TestContext.Current.CancellationToken)).GenerationId!.Value;
        var song = await env.App.WaitForAsync(id, g => g.Status == GenerationStatus.Completed && g.ArchivedFileName is not null);
        var file = Path.Combine(env.App.DataDirectory, "audio", song.ArchivedFileName!);
        Assert.True(File.Exists(file));

        var deleted = await client.DeleteAsync($"/api/generations/{id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(File.Exists(file));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/generations/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/generations/{id}", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheGenerationsEndpoints()
    {
        await using var env = await SimulatedUpstream.StartAsync();
        using var client = env.App.CreateClient();

        var document = await ReadAsync(await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/generations", out var collection));
        Assert.True(collection.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/generations/{id}", out var item));
        Assert.True(item.TryGetProperty("delete", out _));
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
}
