using Microsoft.AspNetCore.Components;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Features.History;

/// <summary>
/// The team's songs, newest first, with search, filters and paging kept in the URL
/// (<c>/history?q=…&amp;status=Completed&amp;favourites=true&amp;page=2</c>), so a reload or a shared link shows the same list.
/// </summary>
public sealed partial class HistoryPage : IDisposable
{
    private HistoryResults? _results;
    private HistoryQuery? _query;
    private bool _loading;
    private int _loadVersion;
    private IDisposable? _subscription;

    [Inject] private HistoryService History { get; set; } = default!;

    [Inject] private GenerationService Generations { get; set; } = default!;

    [Inject] private GenerationNotifier Notifier { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }

    [SupplyParameterFromQuery(Name = "favourites")] public bool? Favourites { get; set; }

    [SupplyParameterFromQuery(Name = "mine")] public bool? Mine { get; set; }

    [SupplyParameterFromQuery(Name = "page")] public int? Page { get; set; }

    private HistoryFilter Filter => new(
        string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
        HistoryFilter.ParseStatus(Status),
        Favourites ?? false,
        Mine ?? false);

    private string CountText => _results?.Total == 1 ? "1 song" : $"{_results?.Total ?? 0} songs";

    protected override void OnInitialized() =>
        // Someone else's song finished, or this tab renamed one: show the stored truth without a spinner.
        _subscription = Notifier.Subscribe(change => InvokeAsync(() => OnChangedAsync(change)));

    /// <summary>
    /// A song changed somewhere in the app (each song publishes several times on its way to archived). A new or deleted
    /// song, or any change while a filter is on (it may move a song in or out of the list), reloads the page; a change
    /// to a song this page shows refreshes that one card; any other change leaves this page and its count as they are.
    /// </summary>
    private async Task OnChangedAsync(GenerationChanged change)
    {
        if (_query is not { } query || _results is null)
        {
            return;
        }

        var filtered = query.Search is not null || query.Status is not null || query.FavouritesOnly;
        var shown = _results.Items.Any(g => g.Id == change.Id);
        var isNew = change.Status == GenerationStatus.Submitting && !shown;
        if (change.Deleted || isNew || filtered)
        {
            await LoadAsync(showProgress: false);
            return;
        }

        if (!shown)
        {
            return;
        }

        var fresh = await Generations.GetAsync(change.Id);
        if (fresh is null)
        {
            await LoadAsync(showProgress: false);
            return;
        }

        // Read again after the await: a load may have replaced the list meanwhile.
        _results = _results with { Items = [.. _results.Items.Select(g => g.Id == fresh.Id ? fresh : g)] };
        StateHasChanged();
    }

    protected override async Task OnParametersSetAsync()
    {
        var filter = Filter;
        var query = new HistoryQuery(filter.Search, filter.Status, filter.FavouritesOnly, Math.Max(1, Page ?? 1), MineOnly: filter.MineOnly);
        if (query == _query)
        {
            return;
        }

        _query = query;
        await LoadAsync(showProgress: true);
    }

    private async Task LoadAsync(bool showProgress)
    {
        if (_query is not { } query)
        {
            return;
        }

        // Loads can overlap (typing, live updates); only the latest one is shown.
        var version = ++_loadVersion;
        _loading = showProgress;
        if (showProgress)
        {
            StateHasChanged();
        }

        try
        {
            var results = await History.QueryAsync(query);
            if (version != _loadVersion)
            {
                return;
            }

            _results = results;
            if (results.Items.Count == 0 && results.Total > 0 && query.Page > results.PageCount)
            {
                // The last song of the last page went away (deleted, filtered): show the new last page.
                Navigate(Filter, results.PageCount);
            }
        }
        finally
        {
            if (version == _loadVersion)
            {
                _loading = false;
                StateHasChanged();
            }
        }
    }

    private Task ApplyFilterAsync(HistoryFilter filter)
    {
        Navigate(filter, page: 1);
        return Task.CompletedTask;
    }

    private Task ClearFiltersAsync() => ApplyFilterAsync(HistoryFilter.None);

    private Task GoToPageAsync(int page)
    {
        Navigate(Filter, page);
        return Task.CompletedTask;
    }

    private void Navigate(HistoryFilter filter, int page)
    {
        var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["q"] = filter.Search,
            ["status"] = filter.Status?.ToString(),
            ["favourites"] = filter.FavouritesOnly ? "true" : null,
            ["mine"] = filter.MineOnly ? "true" : null,
            ["page"] = page > 1 ? page : null,
        });
        Navigation.NavigateTo(uri, replace: true);
    }

    public void Dispose() => _subscription?.Dispose();
}
