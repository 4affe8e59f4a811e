using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.History;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Upstream;
using MudBlazor;

namespace MinimaxMusic.Web.Tests.History;

/// <summary>The history page's real services over a real SQLite file in a temp folder; songs are seeded straight into the database.</summary>
public abstract class HistoryPageContext : AppServicesContext
{
    private readonly DateTime _start = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);
    private int _seeded;

    protected HistoryPageContext()
    {
        // The seeded songs have no owner (made before accounts): only an admin may change them.
        SignIn(AdminEmail, MinimaxMusic.Web.Features.Accounts.AccountRoles.Admin);
        // No transitions: dialogs and snackbars appear at once.
        Services.GetRequiredService<ISnackbar>().Configuration.ShowTransitionDuration = 0;
        Services.GetRequiredService<ISnackbar>().Configuration.HideTransitionDuration = 0;
    }

    /// <summary>Where open selects show their options.</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = null!;

    internal HistoryService History => Services.GetRequiredService<HistoryService>();

    /// <summary>Adds a song, each one newer than the last (the history shows newest first).</summary>
    protected Generation Seed(string title, GenerationStatus status = GenerationStatus.Completed, bool favourite = false, string? lyrics = null)
    {
        var song = new SongBuilder
        {
            Id = Guid.NewGuid(),
            Title = title,
            Lyrics = lyrics ?? title,
            ReferenceAudioUrl = "https://cdn.example.com/reference.mp3",
            Status = status,
            CreatedAtUtc = _start.AddMinutes(++_seeded),
            AudioUrl = status == GenerationStatus.Completed ? "https://cdn.example.com/output.mp3" : null,
            ErrorMessage = status == GenerationStatus.Failed ? "The model refused." : null,
            IsFavourite = favourite,
        }.Build();
        using var db = Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        db.Generations.Add(song);
        db.SaveChanges();
        return song;
    }

    protected Generation? Stored(Guid id)
    {
        using var db = Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return db.Generations.AsNoTracking().FirstOrDefault(g => g.Id == id);
    }

    /// <summary>The page as the router would show it for <paramref name="relativeUrl"/>, with the providers the layout has.</summary>
    protected (IRenderedComponent<HistoryPage> Page, IRenderedComponent<MudDialogProvider> Dialogs) Open(string relativeUrl = "history")
    {
        Popovers = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(relativeUrl);
        var page = Render<HistoryPage>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[aria-label='Loading songs']")), TimeSpan.FromSeconds(5));
        return (page, dialogs);
    }

    protected static IReadOnlyList<string> Titles(IRenderedComponent<HistoryPage> page) =>
        [.. page.FindAll("[data-generation-id] .song-title").Select(t => t.TextContent.Trim())];

    protected static AngleSharp.Dom.IElement Card(IRenderedComponent<HistoryPage> page, Guid id) =>
        page.Find($"[data-generation-id='{id}']");

    protected static AngleSharp.Dom.IElement Button(AngleSharp.Dom.IElement scope, string name) =>
        scope.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == name || b.GetAttribute("aria-label") == name);


}
