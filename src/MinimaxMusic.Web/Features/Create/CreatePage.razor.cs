using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.Lyrics;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Features.Spending;

namespace MinimaxMusic.Web.Features.Create;

public sealed partial class CreatePage
{
    private const string LyricsSelector = ".lyrics-input textarea";
    private static readonly TimeSpan DiagnosticsDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ReferenceDelay = TimeSpan.FromMilliseconds(600);

    private string _lyrics = string.Empty;
    private string _referenceUrl = string.Empty;
    private LyricsAnalysis _live = LyricsAnalyzer.Analyze(string.Empty);
    private LyricsAnalysis _shown = LyricsAnalyzer.Analyze(string.Empty);
    private IReadOnlyList<string> _referenceErrors = [];
    private ReferenceCheck? _check;
    private bool _checking;
    private bool _submitting;
    private bool _draftRestored;
    private IReadOnlyList<string> _submitErrors = [];
    private Generation? _current;
    private IDisposable? _subscription;
    private CancellationTokenSource? _lyricsDebounce;
    private CancellationTokenSource? _referenceDebounce;
    private IJSObjectReference? _editorModule;
    private Generation? _copiedFrom;
    private bool _copyMissing;
    private LyricsDraft? _replacedDraft;
    private QuotaUsage? _quota;

    // One key per version of the input: a double click or a re-sent click of the same song creates one generation.
    private string _idempotencyKey = Guid.NewGuid().ToString("N");

    [Inject] private GenerationService Generations { get; set; } = null!;

    [Inject] private GenerationNotifier Notifier { get; set; } = null!;

    [Inject] private ReferenceLibrary References { get; set; } = null!;

    [Inject] private LyricsDraftStore Drafts { get; set; } = null!;

    [Inject] private DemoMode Demo { get; set; } = null!;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Inject] private QuotaService Quotas { get; set; } = null!;

    [Inject] private CurrentUser CurrentUser { get; set; } = null!;

    /// <summary>"Generate again": <c>/?from={id}</c> starts from that song's lyrics and reference.</summary>
    [SupplyParameterFromQuery(Name = "from")]
    public Guid? From { get; set; }

    private bool ReferenceUsable => _check is { IsUsable: true } check && check.Url == _referenceUrl.Trim() && !_checking;

    private bool CanGenerate => !_submitting && !_live.HasErrors && ReferenceUsable;

    private string GenerateBlocker =>
        _live.HasErrors ? "Fix the lyrics errors to generate."
        : _checking ? "Waiting for the reference check…"
        : !ReferenceUsable ? "Give a reference track that passes the check."
        : string.Empty;

    protected override async Task OnInitializedAsync()
    {
        _subscription = Notifier.Subscribe(OnGenerationChangedAsync);
        await RefreshQuotaAsync();
        if (From is { } id)
        {
            _copiedFrom = await Generations.GetAsync(id);
            _copyMissing = _copiedFrom is null;
            if (_copiedFrom is not null)
            {
                SetLyrics(_copiedFrom.Lyrics);
                _shown = _live;
            }
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        // Browser storage exists only once the circuit is interactive; typing before this wins over the draft.
        var draft = await Drafts.LoadAsync();
        if (_copiedFrom is not null)
        {
            // The copy becomes the draft; a different draft it replaces can be brought back.
            if (draft is not null && (draft.Lyrics.Trim().Length > 0 || draft.ReferenceUrl.Length > 0)
                && (draft.Lyrics != _copiedFrom.Lyrics || draft.ReferenceUrl != _copiedFrom.ReferenceAudioUrl))
            {
                _replacedDraft = draft;
            }

            await PrefillAsync(_copiedFrom.Lyrics, _copiedFrom.ReferenceAudioUrl ?? string.Empty);
        }
        else if (draft is not null && _lyrics.Length == 0 && _referenceUrl.Length == 0
            && (draft.Lyrics.Length > 0 || draft.ReferenceUrl.Length > 0))
        {
            _draftRestored = true;
            await PrefillAsync(draft.Lyrics, draft.ReferenceUrl);
        }
    }

    /// <summary>Fills both fields at once; the lyrics show while the reference is still being checked.</summary>
    private async Task PrefillAsync(string lyrics, string referenceUrl)
    {
        SetLyrics(lyrics);
        _shown = _live;
        var check = OnReferenceChangedAsync(referenceUrl);
        StateHasChanged();
        await check;
        StateHasChanged();
    }

    private async Task RestoreReplacedDraftAsync()
    {
        if (_replacedDraft is { } draft)
        {
            _replacedDraft = null;
            _copiedFrom = null;
            await PrefillAsync(draft.Lyrics, draft.ReferenceUrl);
        }
    }

    private async Task OnLyricsChangedAsync(string? value)
    {
        SetLyrics(value ?? string.Empty);
        await RefreshDiagnosticsLaterAsync();
    }

    private void SetLyrics(string value)
    {
        if (value != _lyrics)
        {
            _idempotencyKey = Guid.NewGuid().ToString("N");
        }

        _lyrics = value;
        _live = LyricsAnalyzer.Analyze(value);
    }

    // Diagnostics settle after a short pause in typing instead of flickering on every key.
    private async Task RefreshDiagnosticsLaterAsync()
    {
        var token = Restart(ref _lyricsDebounce);
        try
        {
            await Task.Delay(DiagnosticsDelay, token);
        }
        catch (TaskCanceledException)
        {
            return;
        }

        _shown = _live;
        await Drafts.SaveAsync(new LyricsDraft(_lyrics, _referenceUrl));
    }

    private async Task OnReferenceChangedAsync(string? value)
    {
        if ((value ?? string.Empty) != _referenceUrl)
        {
            _idempotencyKey = Guid.NewGuid().ToString("N");
        }

        _referenceUrl = value ?? string.Empty;
        _submitErrors = [];
        _check = null;
        var token = Restart(ref _referenceDebounce);
        _referenceErrors = _referenceUrl.Length == 0 ? [] : SubmissionRules.ValidateReferenceUrl(_referenceUrl);
        if (_referenceUrl.Length == 0 || _referenceErrors.Count > 0)
        {
            _checking = false;
            await Drafts.SaveAsync(new LyricsDraft(_lyrics, _referenceUrl));
            return;
        }

        _checking = true;
        try
        {
            await Task.Delay(ReferenceDelay, token);
            await Drafts.SaveAsync(new LyricsDraft(_lyrics, _referenceUrl));
            var check = await References.CheckAsync(_referenceUrl.Trim(), token);
            if (!token.IsCancellationRequested)
            {
                _check = check;
                _checking = false;
            }
        }
        catch (OperationCanceledException)
        {
            // A newer URL replaced this one; its own check is running.
        }
    }

    private async Task UseCheckedReferenceAsync(ReferenceCheck check)
    {
        Restart(ref _referenceDebounce);
        _idempotencyKey = Guid.NewGuid().ToString("N");
        _referenceUrl = check.Url;
        _referenceErrors = [];
        _check = check;
        _checking = false;
        _submitErrors = [];
        await Drafts.SaveAsync(new LyricsDraft(_lyrics, _referenceUrl));
    }

    private async Task ToggleAccompanimentAsync()
    {
        SetLyrics(LyricsEditing.ToggleAccompaniment(_lyrics));
        _shown = _live;
        await Drafts.SaveAsync(new LyricsDraft(_lyrics, _referenceUrl));
    }

    private async Task InsertPauseAsync()
    {
        var caret = -1;
        try
        {
            _editorModule ??= await JS.InvokeAsync<IJSObjectReference?>("import", "./js/lyrics-editor.js");
            caret = _editorModule is null ? -1 : await _editorModule.InvokeAsync<int>("caret", LyricsSelector);
        }
        catch (Exception ex) when (ex is JSException or InvalidOperationException)
        {
            // Without the caret the pause goes at the end.
        }

        var (text, newCaret) = LyricsEditing.InsertPause(_lyrics, caret);
        SetLyrics(text);
        _shown = _live;
        StateHasChanged();
        if (_editorModule is not null)
        {
            await _editorModule.InvokeVoidAsync("placeCaret", LyricsSelector, newCaret);
        }

        await Drafts.SaveAsync(new LyricsDraft(_lyrics, _referenceUrl));
    }

    private async Task GenerateAsync()
    {
        _submitting = true;
        _submitErrors = [];
        try
        {
            var result = await Generations.SubmitAsync(_lyrics, _referenceUrl, _idempotencyKey);
            _submitErrors = result.Errors;
            if (result.GenerationId is { } id)
            {
                _current = await Generations.GetAsync(id);
            }

            await RefreshQuotaAsync();
        }
        finally
        {
            _submitting = false;
        }
    }

    /// <summary>"3 of 10 today" under the button when Quotas:SongsPerUserPerDay is set; nothing otherwise.</summary>
    private async Task RefreshQuotaAsync()
    {
        // No limit (the default): no count to show, so none is made on every visit.
        if (!Quotas.IsEnabled || await CurrentUser.IdAsync() is not { } userId)
        {
            return;
        }

        _quota = await Quotas.UsageAsync(userId);
    }

    private async Task OnGenerationChangedAsync(GenerationChanged change)
    {
        if (_current?.Id != change.Id)
        {
            return;
        }

        var latest = await Generations.GetAsync(change.Id);
        await InvokeAsync(() =>
        {
            _current = latest;
            StateHasChanged();
        });
    }

    private static CancellationToken Restart(ref CancellationTokenSource? source)
    {
        source?.Cancel();
        source?.Dispose();
        source = new CancellationTokenSource();
        return source.Token;
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        _lyricsDebounce?.Cancel();
        _lyricsDebounce?.Dispose();
        _referenceDebounce?.Cancel();
        _referenceDebounce?.Dispose();
        if (_editorModule is not null)
        {
            try
            {
                await _editorModule.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; so is the module.
            }
        }
    }
}
