namespace MinimaxMusic.Web.Features.Create;

/// <summary>
/// What a draft means for one model, pure: the request it sends (only the fields that model takes) and, in sentences,
/// what of the draft does not fit. Nothing is ever dropped from the draft: a field the model does not take stays on the
/// page, is not sent, and is there again when the writer switches back.
/// </summary>
internal static class ModelSwitch
{
    private const string KeptForLater = "it was kept in case you switch back";

    /// <summary>The request <paramref name="draft"/> makes of <paramref name="model"/>.</summary>
    public static SongRequest RequestFor(MusicModel model, LyricsDraft draft)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(draft);
        var instrumental = model.OffersInstrumental && draft.Instrumental;
        var writeLyrics = model.OffersLyricsOptimizer && draft.WriteLyrics && !instrumental;
        return new SongRequest(
            model.Id,
            Style: model.Style.Accepted ? draft.Style : null,
            // An instrumental sings nothing and the optimizer writes its own words: the lyrics wait on the page.
            Lyrics: instrumental || writeLyrics ? null : draft.Lyrics,
            ReferenceUrl: model.Reference.Accepted ? draft.ReferenceUrl : null,
            Instrumental: instrumental,
            WriteLyrics: writeLyrics,
            Audio: model.Audio.Accepted && draft.Audio is { IsEmpty: false } audio ? audio : null);
    }

    /// <summary>What of <paramref name="draft"/> <paramref name="model"/> does not take, or takes only in part.</summary>
    public static IReadOnlyList<string> Notes(MusicModel model, LyricsDraft draft)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(draft);
        var notes = new List<string>();
        var style = draft.Style?.Trim() ?? string.Empty;
        if (style.Length > 0 && !model.Style.Accepted)
        {
            notes.Add($"{model.Id} takes no style description; {KeptForLater}.");
        }
        else if (style.Length > model.Style.Max && model.Style.Accepted)
        {
            notes.Add($"The style is {style.Length} characters; {model.Id} takes {model.Style.Max}.");
        }

        if (draft.Instrumental && !model.OffersInstrumental)
        {
            notes.Add($"{model.Id} makes no instrumentals, so it sings the lyrics; the Instrumental choice was kept in case you switch back.");
        }

        if (draft.WriteLyrics && !model.OffersLyricsOptimizer)
        {
            notes.Add($"{model.Id} does not write lyrics for you, so it sings yours; the Write the lyrics for me choice was kept in case you switch back.");
        }

        LyricsNotes(model, draft, notes);

        if (draft.ReferenceUrl.Trim().Length > 0 && !model.Reference.Accepted)
        {
            notes.Add($"{model.Id} takes no reference track; {KeptForLater}.");
        }

        if (draft.Audio is { IsEmpty: false } audio && !model.Audio.Accepted)
        {
            notes.Add($"{model.Id} has no output settings; yours ({Describe(audio)}) were kept in case you switch back.");
        }

        return notes;
    }

    /// <summary>
    /// Where a cover of <paramref name="song"/> starts: the cover model with the song's style and words (the legacy model's
    /// <c>##</c> accompaniment markers taken off: they mean nothing to the others). The reference is the song itself,
    /// hosted and checked by the page.
    /// </summary>
    public static LyricsDraft CoverDraft(Generation song, MusicModel cover)
    {
        ArgumentNullException.ThrowIfNull(song);
        ArgumentNullException.ThrowIfNull(cover);
        var lyrics = song.Model == ModelCatalog.Legacy && LyricsAnalyzer.Analyze(song.Lyrics).HasAccompaniment
            ? LyricsEditing.ToggleAccompaniment(song.Lyrics)
            : song.Lyrics;
        return new LyricsDraft(lyrics, string.Empty, cover.Id, song.Style);
    }

    /// <summary>"WAV, 32000 Hz, 128 kbit/s": the chosen settings, the model's defaults left out.</summary>
    public static string Describe(AudioChoice audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var parts = new List<string>();
        if (audio.Format is { } format)
        {
            parts.Add(format.ToUpperInvariant());
        }

        if (audio.SampleRate is { } rate)
        {
            parts.Add($"{rate} Hz");
        }

        if (audio.Bitrate is { } bitrate)
        {
            parts.Add($"{bitrate / 1000} kbit/s");
        }

        return string.Join(", ", parts);
    }

    private static void LyricsNotes(MusicModel model, LyricsDraft draft, List<string> notes)
    {
        if (draft.Lyrics.Trim().Length == 0 || (draft.Instrumental && model.OffersInstrumental) || (draft.WriteLyrics && model.OffersLyricsOptimizer))
        {
            return;
        }

        if (model.Dialect == LyricDialect.Legacy)
        {
            var length = LyricsAnalyzer.Analyze(draft.Lyrics).Length;
            if (length > model.Lyrics.Max)
            {
                notes.Add($"The lyrics are {length} characters; {model.Id} takes {model.Lyrics.Max}.");
            }

            var tags = SectionLyrics.Analyze(draft.Lyrics).Sections.Where(s => s is { Tag: not null, IsKnown: true }).Select(s => s.Tag!).Distinct().ToList();
            if (tags.Count > 0)
            {
                notes.Add($"{model.Id} knows no section tags: it would sing {string.Join(" and ", tags.Take(2))} as words.");
            }

            return;
        }

        var sectionLength = SectionLyrics.Analyze(draft.Lyrics).Length;
        if (sectionLength > model.Lyrics.Max)
        {
            notes.Add($"The lyrics are {sectionLength} characters; {model.Id} takes {model.Lyrics.Max}.");
        }
    }
}
