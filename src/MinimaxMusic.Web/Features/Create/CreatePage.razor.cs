using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Features.Spending;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Features.Create;

/// <summary>
/// The Create page follows the chosen model: its fields, its lyric dialect, its reference rules. What the page holds is
/// a <see cref="LyricsDraft"/> for every model at once; <see cref="ModelSwitch"/> says what the chosen model is sent and
/// what of the draft it does not take, and <see cref="ModelRules"/> (the server's own rules) what keeps Generate off.
/// </summary>
public sealed partial class CreatePage
{
    private const string LyricsSelector = ".lyrics-input textarea";
    private static readonly TimeSpan DiagnosticsDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ReferenceDelay = TimeSpan.FromMilliseconds(600);

    private IReadOnlyList<MusicModel> _models = [];
    private MusicModel _model = ModelCatalog.All[0];
    private string _style = string.Empty;
    private string _lyrics = string.Empty;
    private string _referenceUrl = string.Empty;
    private bool _instrumental;
    private bool _writeLyrics;
    private AudioChoice _audio = AudioChoice.Defaults;
    private LyricsAnalysis _live = LyricsAnalyzer.Analyze(string.Empty);
    private LyricsAnalysis _shown = LyricsAnalyzer.Analyze(string.Empty);
    private SectionLyricsAnalysis _sections = SectionLyrics.Analyze(string.Empty);
    private SectionLyricsAnalysis _sectionsShown = SectionLyrics.Analyze(string.Empty);
    private (LyricsDraft Draft, IReadOnlyList<string> Problems)? _validated;
    private bool _switched;
    private readonly List<string> _notices = [];
    private IReadOnlyList<string> _referenceErrors = [];
    private ReferenceCheck? _check;
    private bool _checking;
    private string? _preparing;
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
    private Generation? _coverOf;
    private LyricsDraft? _prefill;
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

    [Inject] private IOptions<AimlApiOptions> ApiOptions { get; set; } = null!;

    /// <summary>"Generate again": <c>/?from={id}</c> starts from every setting that song was made with.</summary>
    [SupplyParameterFromQuery(Name = "from")]
    public Guid? From { get; set; }

    /// <summary>"Make a cover": <c>/?coverOf={id}</c> (<see cref="AppLinks.CoverOf"/>) puts that song in as the cover model's reference.</summary>
    [SupplyParameterFromQuery(Name = "coverOf")]
    public Guid? CoverOf { get; set; }

    private LyricsDraft Draft => new(_lyrics, _referenceUrl, _model.Id, _style.Length == 0 ? null : _style, _instrumental, _writeLyrics,
        _audio.IsEmpty ? null : _audio);

    private SongRequest Request => ModelSwitch.RequestFor(_model, Draft);

    /// <summary>The server's rules for the chosen model, applied to what would be sent: while any is broken, Generate is off.</summary>
    private IReadOnlyList<string> Problems
    {
        get
        {
            var draft = Draft;
            if (_validated is not { } validated || validated.Draft != draft)
            {
                validated = (draft, ModelRules.Validate(_model, ModelSwitch.RequestFor(_model, draft)));
                _validated = validated;
            }

            return validated.Problems;
        }
    }

    private IReadOnlyList<string> Notes => ModelSwitch.Notes(_model, Draft);

    private MusicModel? CoverModel => Offered(ModelCatalog.Cover);

    private bool ReferenceUsable => _check is { IsUsable: true } check && check.Url == _referenceUrl.Trim() && !_checking;

    private bool NeedsReference => _model.Reference.Accepted && (_model.Reference.Required || _referenceUrl.Trim().Length > 0);

    private bool CanGenerate => !_submitting && _preparing is null && Problems.Count == 0 && (!NeedsReference || ReferenceUsable);

    private bool CanMakeCover => CoverModel is { } cover && _model.Id != cover.Id && ReferenceUsable;

    private string GenerateBlocker =>
        _model.Dialect == LyricDialect.Legacy && _live.HasErrors ? "Fix the lyrics errors to generate."
        : NeedsReference && (_checking || _preparing is not null) ? "Waiting for the reference check…"
        : NeedsReference && !ReferenceUsable ? "Give a reference track that passes the check."
        : Problems.Count > 0 ? Problems[0] : string.Empty;

    /// <summary>The newer models' other broken rules, listed under the first (the legacy page shows its lyrics' own list).</summary>
    private IReadOnlyList<string> MoreProblems => _model.Dialect == LyricDialect.Legacy ? [] : [.. Problems.Where(p => p != GenerateBlocker)];

    /// <summary>The song this one comes from: the song whose melody a cover takes, or the one generated again.</summary>
    private SongParent? Parent =>
        !_model.IsLegacy && _model.Reference.Accepted && _check is { IsUsable: true, SongId: { } songId } ? new(songId, SongOrigin.CoverOf)
        : _copiedFrom is { } from ? new(from.Id, SongOrigin.GeneratedAgainFrom)
        : null;

    private int StyleLength => _style.Trim().Length;

    private int LyricsLength => _model.Dialect == LyricDialect.Legacy ? _live.Length : _sections.Length;

    private bool LyricsNotSent => (_instrumental && _model.OffersInstrumental) || (_writeLyrics && _model.OffersLyricsOptimizer);

    private bool LyricsInError => _model.Dialect == LyricDialect.Legacy
        ? _shown.HasErrors && _lyrics.Length > 0
        : !LyricsNotSent && _sections.Length > _model.Lyrics.Max;

    private string LyricsNotSentNote => _instrumental
        ? "An instrumental has no vocals, so no lyrics are needed. What you wrote stays here, unsent, for when you switch Instrumental off."
        : "The model writes the lyrics from the style. What you wrote stays here, unsent, for when you switch Write the lyrics for me off.";

    private string? LyricsHelp =>
        _model.Dialect == LyricDialect.Legacy || _model.Lyrics.Required ? null
        : _model.OffersLyricsOptimizer ? "Your own lyrics — or none, with Write the lyrics for me or Instrumental."
        : "Optional: new words sung to the reference's melody.";

    private string StyleHelp => _model.Style.Required
        ? $"Genre, mood, instruments, voice: {_model.Style.Min}–{_model.Style.Max} characters."
        : $"Genre, mood, instruments, voice: {_model.Style.Min}–{_model.Style.Max} characters; needed for an instrumental or lyrics written for you.";

    private string ReferenceHelp => _model.IsLegacy
        ? "A public .mp3 or .wav with music and vocals, longer than 15 seconds. It is checked before anything is sent."
        : CreateTexts.ReferenceHelp(_model);

    private string SectionSummary => CreateTexts.SectionSummary(_model, _sections);

    protected override async Task OnInitializedAsync()
    {
        _models = ApiOptions.Value.OfferedModels;
        _model = Offered(ApiOptions.Value.DefaultModel) ?? _models[0];
        _subscription = Notifier.Subscribe(OnGenerationChangedAsync);
        await RefreshQuotaAsync();
        if (From is { } id)
        {
            _copiedFrom = await Generations.GetAsync(id);
            _copyMissing = _copiedFrom is null;
            if (_copiedFrom is not null)
            {
                _prefill = LyricsDraft.From(_copiedFrom.Request);
                Apply(_prefill, $"“{_copiedFrom.Title}” was made with");
            }
        }
        else if (CoverOf is { } songId)
        {
            await StartCoverAsync(songId);
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
        if (_prefill is not null)
        {
            // The copy becomes the draft; a different draft it replaces can be brought back.
            if (draft is not null && (draft.Lyrics.Trim().Length > 0 || draft.ReferenceUrl.Length > 0 || !string.IsNullOrWhiteSpace(draft.Style))
                && Normalized(draft) != Normalized(_prefill))
            {
                _replacedDraft = draft;
            }

            if (_coverOf is not null)
            {
                await PrepareCoverReferenceAsync(_coverOf);
            }
            else
            {
                await PrefillAsync(_prefill);
            }
        }
        else if (draft is not null && _lyrics.Length == 0 && _referenceUrl.Length == 0 && _style.Length == 0 && !draft.IsEmpty)
        {
            _draftRestored = true;
            await PrefillAsync(draft, "Your draft was for");
        }
    }

    /// <summary>A cover of one of our songs: the cover model, the song's style and words to start from; its audio follows.</summary>
    private async Task StartCoverAsync(Guid songId)
    {
        var song = await Generations.GetAsync(songId);
        if (song is null)
        {
            _notices.Add("The song to cover no longer exists (it may have been deleted); start from your own settings.");
            return;
        }

        if (CoverModel is not { } cover)
        {
            _notices.Add($"Covers are not offered here: {ModelCatalog.Cover} is not among this app's models (AimlApi:Models).");
            return;
        }

        _coverOf = song;
        _prefill = ModelSwitch.CoverDraft(song, cover);
        Apply(_prefill, whose: null);
    }

    /// <summary>Hosts a copy of the song and checks it by the cover model's rules; when that cannot be done, says why.</summary>
    private async Task PrepareCoverReferenceAsync(Generation song)
    {
        _preparing = $"Preparing “{song.Title}” as the reference (copying and measuring it)…";
        StateHasChanged();
        var offered = await References.OfferSongAsync(song.Id, _model);
        _preparing = null;
        if (offered.IsUsable)
        {
            await UseCheckedReferenceAsync(offered);
        }
        else
        {
            _notices.Add($"“{song.Title}” can't be the reference here: {offered.Problem}");
            await SaveDraftAsync();
        }

        StateHasChanged();
    }

    /// <summary>Fills every field at once; the lyrics show while the reference is still being checked.</summary>
    private async Task PrefillAsync(LyricsDraft draft, string? whose = null)
    {
        Apply(draft, whose);
        var check = _model.Reference.Accepted || draft.ReferenceUrl.Length == 0
            ? CheckReferenceAsync(draft.ReferenceUrl)
            : KeepReferenceAsync(draft.ReferenceUrl);
        StateHasChanged();
        await check;
        StateHasChanged();
    }

    /// <summary>
    /// Takes a draft's settings. Its model, when no longer offered, gives way to the default with a notice; every other
    /// setting is kept (and the notes say which the default does not take).
    /// </summary>
    private void Apply(LyricsDraft draft, string? whose)
    {
        var model = Offered(draft.Model ?? ApiOptions.Value.DefaultModel);
        if (model is null)
        {
            model = Offered(ApiOptions.Value.DefaultModel) ?? _models[0];
            var notice = $"{whose ?? "It was made with"} {draft.Model}, which is not offered here; the page uses {model.Id} instead and keeps every setting.";
            if (!_notices.Contains(notice))
            {
                _notices.Add(notice);
            }

            _switched = true;
        }

        _model = model;
        _style = draft.Style ?? string.Empty;
        _instrumental = draft.Instrumental;
        _writeLyrics = draft.WriteLyrics;
        _audio = draft.Audio ?? AudioChoice.Defaults;
        SetLyrics(draft.Lyrics);
        _shown = _live;
        _sectionsShown = _sections;
    }

    private LyricsDraft Normalized(LyricsDraft draft) => draft with
    {
        Model = draft.Model ?? ApiOptions.Value.DefaultModel,
        Style = string.IsNullOrEmpty(draft.Style) ? null : draft.Style,
        Audio = draft.Audio is { IsEmpty: false } audio ? audio : null,
    };

    private async Task RestoreReplacedDraftAsync()
    {
        if (_replacedDraft is { } draft)
        {
            _replacedDraft = null;
            _copiedFrom = null;
            _coverOf = null;
            await PrefillAsync(draft, "Your draft was for");
        }
    }

    private async Task OnModelChangedAsync(string? id)
    {
        if (Offered(id) is not { } model || model == _model)
        {
            return;
        }

        _model = model;
        _switched = true;
        _submitErrors = [];
        Touch();
        _shown = _live;
        _sectionsShown = _sections;

        // Each model judges the reference by its own rules: what passed for one may not for another.
        if (model.Reference.Accepted)
        {
            var songId = _check?.Url == _referenceUrl.Trim() ? _check.SongId : null;
            await CheckReferenceAsync(_referenceUrl, songId);
        }
        else
        {
            await KeepReferenceAsync(_referenceUrl);
        }
    }

    private Task MakeCoverAsync() => CoverModel is { } cover ? OnModelChangedAsync(cover.Id) : Task.CompletedTask;

    private async Task OnStyleChangedAsync(string? value)
    {
        if ((value ?? string.Empty) != _style)
        {
            Touch();
        }

        _style = value ?? string.Empty;
        await RefreshDiagnosticsLaterAsync();
    }

    private async Task OnInstrumentalChangedAsync(bool on)
    {
        _instrumental = on;
        _writeLyrics &= !on;
        Touch();
        await SaveDraftAsync();
    }

    private async Task ToggleWriteLyricsAsync()
    {
        _writeLyrics = !_writeLyrics;
        _instrumental &= !_writeLyrics;
        Touch();
        await SaveDraftAsync();
    }

    private async Task OnAudioChangedAsync(AudioChoice audio)
    {
        _audio = audio;
        Touch();
        await SaveDraftAsync();
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
            Touch();
        }

        _lyrics = value;
        _live = LyricsAnalyzer.Analyze(value);
        _sections = SectionLyrics.Analyze(value);
    }

    private void Touch() => _idempotencyKey = Guid.NewGuid().ToString("N");

    private Task SaveDraftAsync() => Drafts.SaveAsync(Draft);

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
        _sectionsShown = _sections;
        await SaveDraftAsync();
    }

    private Task OnReferenceChangedAsync(string? value) => CheckReferenceAsync(value);

    /// <summary>The URL a model that takes no reference keeps (unsent) for the writer's next switch; nothing is checked.</summary>
    private async Task KeepReferenceAsync(string url)
    {
        Restart(ref _referenceDebounce);
        _referenceUrl = url;
        _referenceErrors = [];
        _check = null;
        _checking = false;
        await SaveDraftAsync();
    }

    /// <summary>
    /// Checks the URL by the chosen model's rules. <paramref name="songId"/> carries over which of our songs a hosted copy
    /// is, so a cover made from it records its parent.
    /// </summary>
    private async Task CheckReferenceAsync(string? value, Guid? songId = null)
    {
        if ((value ?? string.Empty) != _referenceUrl)
        {
            Touch();
        }

        _referenceUrl = value ?? string.Empty;
        _submitErrors = [];
        _check = null;
        var token = Restart(ref _referenceDebounce);
        _referenceErrors = _referenceUrl.Length == 0 ? [] : SubmissionRules.ValidateReferenceUrl(_referenceUrl, _model.Reference.Formats);
        if (_referenceUrl.Length == 0 || _referenceErrors.Count > 0)
        {
            _checking = false;
            await SaveDraftAsync();
            return;
        }

        _checking = true;
        try
        {
            await Task.Delay(ReferenceDelay, token);
            await SaveDraftAsync();
            var check = await References.CheckAsync(_referenceUrl.Trim(), _model, token);
            if (!token.IsCancellationRequested)
            {
                _check = songId is null ? check : check with { SongId = songId };
                _checking = false;
            }
        }
        catch (OperationCanceledException)
        {
            // A newer URL (or model) replaced this one; its own check is running.
        }
    }

    /// <summary>An upload or one of our songs, checked already (by the chosen model's rules) as a file: taken as is.</summary>
    private async Task UseCheckedReferenceAsync(ReferenceCheck check)
    {
        Restart(ref _referenceDebounce);
        Touch();
        _referenceUrl = check.Url;
        _referenceErrors = [];
        _check = check;
        _checking = false;
        _submitErrors = [];
        await SaveDraftAsync();
    }

    private async Task ToggleAccompanimentAsync()
    {
        SetLyrics(LyricsEditing.ToggleAccompaniment(_lyrics));
        _shown = _live;
        await SaveDraftAsync();
    }

    private Task InsertPauseAsync() => EditAtCaretAsync(LyricsEditing.InsertPause);

    private Task InsertTagAsync(string tag) => EditAtCaretAsync((text, caret) => LyricsEditing.InsertTag(text, caret, tag));

    /// <summary>An editor button's change at the caret (read from the browser; without it, at the end), then the caret put back.</summary>
    private async Task EditAtCaretAsync(Func<string, int, (string Text, int Caret)> edit)
    {
        var caret = -1;
        try
        {
            _editorModule ??= await JS.InvokeAsync<IJSObjectReference?>("import", "./js/lyrics-editor.js");
            caret = _editorModule is null ? -1 : await _editorModule.InvokeAsync<int>("caret", LyricsSelector);
        }
        catch (Exception ex) when (ex is JSException or InvalidOperationException)
        {
            // Without the caret the change goes at the end.
        }

        var (text, newCaret) = edit(_lyrics, caret);
        SetLyrics(text);
        _shown = _live;
        _sectionsShown = _sections;
        StateHasChanged();
        if (_editorModule is not null)
        {
            await _editorModule.InvokeVoidAsync("placeCaret", LyricsSelector, newCaret);
        }

        await SaveDraftAsync();
    }

    private async Task GenerateAsync()
    {
        _submitting = true;
        _submitErrors = [];
        try
        {
            var result = await Generations.SubmitAsync(Request, _idempotencyKey, Parent);
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

    private MusicModel? Offered(string? id) => _models.FirstOrDefault(m => m.Id == id);

    private string Describe(string? id) => Offered(id) is { } model ? $"{model.Id} · {model.Name}" : id ?? string.Empty;

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
