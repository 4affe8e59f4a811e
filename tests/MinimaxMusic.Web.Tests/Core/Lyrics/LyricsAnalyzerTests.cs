using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Features.Lyrics;

namespace MinimaxMusic.Web.Tests.Core.Lyrics;

public sealed class LyricsAnalyzerTests
{
    private const LyricsSeverity Error = LyricsSeverity.Error;
    private const LyricsSeverity Warning = LyricsSeverity.Warning;
    private const LyricsSeverity Info = LyricsSeverity.Info;

    // Ten one-syllable words: 10 × 0.28 s + 0.22 s = 3.02 s a line; 21 lines are 63.42 s in 419 characters.
    private static readonly string OverAMinute = string.Join('\n', Enumerable.Repeat("a a a a a a a a a a", 21));

    /// <summary>case, lyrics, severity, line, column, a fragment that identifies the one diagnostic, whether the lyrics are rejected.</summary>
    public static TheoryData<string, string?, LyricsSeverity, int?, int?, string, bool> Findings => new()
    {
        // Nothing to sing.
        { "null", null, Error, null, null, "Write some lyrics first.", true },
        { "an empty string", "", Error, null, null, "Write some lyrics first.", true },
        { "spaces, tabs and blank lines only", "  \n\t\n ", Error, null, null, "only spaces and blank lines", true },

        // The 600 limit, counted in UTF-16 code units like the vendor's JavaScript.
        { "601 letters", new string('a', 601), Error, null, null, "The lyrics are 601 characters; the model accepts at most 600.", true },
        { "301 emoji are 602 code units", Repeat("🎵", 301), Error, null, null, "The lyrics are 602 characters", true },
        { "599 letters and one emoji are 601 code units", new string('a', 599) + "🎵", Error, null, null, "The lyrics are 601 characters", true },
        { "301 e + combining acute are 602 code units", Repeat("e\u0301", 301), Error, null, null, "The lyrics are 602 characters", true },

        // Accompaniment markers.
        { "only ##", "##", Error, 1, 1, "Line 1: a lone ##", true },
        { "####", "####", Error, 1, null, "no lyrics between the ## markers", true },
        { "## ## with only a space between", "## ##", Error, 1, null, "no lyrics between the ## markers", true },
        { "## at the start only", "##Hello\nworld", Error, 1, 1, "Line 1: a lone ## — accompaniment needs ## at the very start and ## at the very end.", true },
        { "## at the end only", "Hello\nworld##", Error, 2, 6, "Line 2: a lone ## at the end", true },
        { "## in the middle of a line", "Hello ## world", Error, 1, 7, "Line 1, column 7: ## can only stand at the very start and the very end", true },
        { "## at the start of a middle line", "##Hello\n##again\nworld##", Error, 2, 1, "Line 2, column 1: ## can only stand", true },
        { "## mid-line inside accompaniment", "##la ## la##", Error, 1, 6, "Line 1, column 6: ## can only stand", true },
        { "a new line after the closing ##", "##Hello##\n", Error, 1, 8, "Line 1, column 8: the closing ## must be the very last characters", true },
        { "a blank line before the opening ##", "\n##Hello##", Error, 2, 1, "Line 2, column 1: the opening ## must be the very first characters", true },

        // Control characters other than new line and tab.
        { "a bell mid-line", "La la\u0007 la", Error, 1, 6, "Line 1, column 6: the invisible control character U+0007", true },
        { "an escape on line 2", "First\nSe\u001Bcond", Error, 2, 3, "Line 2, column 3: the invisible control character U+001B", true },
        { "a NUL", "Hi\u0000", Error, 1, 3, "U+0000", true },
        { "a vertical tab", "a\vb", Error, 1, 2, "U+000B", true },
        { "two control characters on a line", "a\u0007b\u001Bc", Error, 1, 2, "(U+0007, U+001B) are not allowed", true },
        { "a control character after an emoji counts the emoji as one column", "🎵\u0007", Error, 1, 2, "U+0007", true },

        // More than two new lines.
        { "three new lines", "One\n\n\nTwo", Warning, 2, null, "Lines 2–3: 2 blank lines in a row", false },
        { "four new lines", "One\nTwo\n\n\n\nThree", Warning, 3, null, "Lines 3–5: 3 blank lines in a row", false },
        { "three new lines at the end", "One\n\n\n", Warning, 2, null, "Lines 2–3: 2 blank lines in a row", false },

        // Trailing spaces and long lines.
        { "two trailing spaces", "Hello  \nworld", Warning, 1, 6, "Line 1: 2 invisible spaces at the end of the line", false },
        { "a trailing space on line 3", "One\nTwo\nThree \nFour", Warning, 3, 6, "Line 3: 1 invisible space at the end of the line", false },
        { "a trailing tab", "One\t", Warning, 1, 4, "Line 1: 1 invisible space at the end", false },
        { "a 101-character line", "Short\n" + new string('a', 101), Warning, 2, null, "Line 2 is 101 characters long", false },

        // The ~1 minute of output.
        { "lyrics estimated past a minute", OverAMinute, Warning, null, null, "Estimated ~64 s of singing; the model makes at most about a minute, so the end may be cut.", false },

        // Invisible zero-width characters.
        { "a zero-width space", "Hel\u200Blo", Warning, 1, 4, "Line 1, column 4: an invisible zero-width character (U+200B)", false },
        { "a byte-order mark at the start", "\uFEFFHello", Warning, 1, 1, "(U+FEFF)", false },
        { "a word joiner on line 2", "One\nTw\u2060o", Warning, 2, 3, "(U+2060)", false },
        { "a zero-width non-joiner", "a\u200Cb", Warning, 1, 2, "(U+200C)", false },
        { "a zero-width joiner", "a\u200Db", Warning, 1, 2, "(U+200D)", false },
        { "two zero-width characters on a line", "a\u200Bb\u200Bc", Warning, 1, 2, "2 invisible zero-width characters (U+200B)", false },

        // Normalization, always reported.
        { "Windows line endings", "One\r\nTwo", Info, null, null, "Windows line endings were converted to plain new lines.", false },
        { "a lone carriage return", "One\rTwo", Info, null, null, "Carriage returns (old Mac line endings) were converted to plain new lines.", false },
        { "a non-breaking space on line 2", "One\nTwo\u00A0three", Info, 2, 4, "Line 2: a non-breaking space was converted to an ordinary space.", false },
        { "a narrow and a plain non-breaking space", "a\u202Fb\u00A0c", Info, 1, 2, "Line 1: 2 non-breaking spaces", false },
        { "a non-breaking space at a line end becomes a trailing space", "Hello\u00A0", Warning, 1, 6, "Line 1: 1 invisible space at the end", false },

        // The summary.
        { "lines and a pause", "One\n\nTwo", Info, null, null, "2 sung lines, 1 pause, accompaniment off", false },
        { "accompaniment on", "##Hello##", Info, null, null, "1 sung line, 0 pauses, accompaniment on", false },
        { "an estimate that says it is one", "la la", Info, null, null, "about 1 s of singing (an estimate)", false },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void Analyze_ReportsTheFindingWithItsSeverityAndPlace(
        string because, string? lyrics, LyricsSeverity severity, int? line, int? column, string fragment, bool rejected)
    {
        var analysis = LyricsAnalyzer.Analyze(lyrics);

        var matches = analysis.Diagnostics.Where(d => d.Message.Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"{because}: expected one diagnostic containing \"{fragment}\", got:\n{Describe(analysis)}");
        var diagnostic = matches[0];
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(line, diagnostic.Line);
        Assert.Equal(column, diagnostic.Column);
        if (line is not null)
        {
            Assert.Matches($"^Lines? {line}\\b", diagnostic.Message);
        }

        Assert.Equal(rejected, analysis.HasErrors);
    }

    /// <summary>case, lyrics that show nothing, a code point the error names.</summary>
    public static TheoryData<string, string, string> InvisibleOnly => new()
    {
        { "a zero-width space", "\u200B", "U+200B" },
        { "a zero-width joiner", "\u200D", "U+200D" },
        { "a zero-width non-joiner and a BOM", "\u200C\uFEFF", "U+FEFF" },
        { "a byte-order mark", "\uFEFF", "U+FEFF" },
        { "a word joiner", "\u2060", "U+2060" },
        { "a soft hyphen", "\u00AD", "U+00AD" },
        { "bidi isolates U+2066–U+2069", "\u2066\u2067\u2068\u2069", "U+2068" },
        { "bidi embeddings and overrides U+202A–U+202E", "\u202A\u202B\u202C\u202D\u202E", "U+202E" },
        { "left-to-right and right-to-left marks", "\u200E\u200F", "U+200F" },
        { "zero-width spaces between spaces and new lines", "  \u200B \n\n\u200B\t\n", "U+200B" },
        { "a line of zero-width spaces per verse", "\u200B\u200B\n\u200B\n\n\u2060", "U+2060" },
        { "zero-width spaces inside ## markers", "##\u200B\u200B##", "U+200B" },
        { "invisible lines between ## on their own lines", "##\n\u2066\u2069\n\u00AD\n##", "U+00AD" },
        { "a lone opening ## and a BOM", "##\uFEFF", "U+FEFF" },
        { "CRLF and a word joiner", "\u2060\r\n\u2060", "U+2060" },
        { "a Hangul filler and a variation selector", "\u3164\uFE0F", "U+3164" },
    };

    [Theory]
    [MemberData(nameof(InvisibleOnly))]
    public void Analyze_LyricsThatShowNothing_AreAnErrorThatNamesTheCharacters(string because, string lyrics, string named)
    {
        var analysis = LyricsAnalyzer.Analyze(lyrics);

        Assert.True(analysis.HasErrors, $"{because}: accepted, got:\n{Describe(analysis)}");
        var error = Assert.Single(analysis.Diagnostics, d => d.Severity == Error);
        Assert.StartsWith("There is nothing to sing: the lyrics hold only invisible characters (", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Null(error.Line);
        // The error already names them; a warning to "delete them unless you meant them" would contradict it.
        Assert.DoesNotContain(analysis.Diagnostics, d => d.Severity == Warning && d.Message.Contains("zero-width", StringComparison.Ordinal));
        Assert.Equal([error.Message], SubmissionRules.ValidateLyrics(lyrics));
    }

    [Fact]
    public void Analyze_LyricsWithManyKindsOfInvisibleCharacters_NameTheFirstFive()
    {
        var error = LyricsAnalyzer.Analyze("\u200B\u200C\u200D\u2060\uFEFF\u00AD\u2066").Diagnostics.Single(d => d.Severity == Error);

        Assert.Contains("(U+200B, U+200C, U+200D, U+2060, U+FEFF, …)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hel\u200Blo")]
    [InlineData("\u2066Hello\u2069")]
    [InlineData("##\u200Bla##")]
    [InlineData("\u200B\nLa la la")]
    public void Analyze_InvisibleCharactersBesideWords_AreNoError(string lyrics) =>
        Assert.False(LyricsAnalyzer.Analyze(lyrics).HasErrors, lyrics);

    /// <summary>case, lyrics, the length the counter shows and the server enforces, whether the lyrics are rejected.</summary>
    public static TheoryData<string, string, int, bool> Lengths => new()
    {
        { "600 letters", new string('a', 600), 600, false },
        { "601 letters", new string('a', 601), 601, true },
        { "300 emoji", Repeat("🎵", 300), 600, false },
        { "301 emoji", Repeat("🎵", 301), 602, true },
        { "600 precomposed é", new string('é', 600), 600, false },
        { "300 e + combining acute", Repeat("e\u0301", 300), 600, false },
        { "599 letters and an emoji", new string('a', 598) + "🎵", 600, false },
        { "CRLF counts one code unit after normalization", "One\r\nTwo", 7, false },
        { "601 raw characters with CRLF are 501 after normalization", Repeat("aaaa\r\n", 100) + "a", 501, false },
    };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Analyze_CountsUtf16CodeUnitsOfWhatIsSent(string because, string lyrics, int length, bool rejected)
    {
        var analysis = LyricsAnalyzer.Analyze(lyrics);

        Assert.True(length == analysis.Length, $"{because}: length {analysis.Length}, expected {length}");
        Assert.Equal(analysis.Prompt.Length, analysis.Length);
        Assert.Equal(rejected, analysis.HasErrors);
        Assert.Equal(rejected, analysis.Diagnostics.Any(d => d.Severity == Error && d.Message.Contains("the model accepts at most 600", StringComparison.Ordinal)));
    }

    public static TheoryData<string, string> Clean => new()
    {
        { "accompaniment around one letter", "##a##" },
        { "tabs between words", "Tab\tseparated\twords" },
        { "exactly two new lines: one pause", "One\n\nTwo" },
        { "markers on lines of their own", "##\nVerse one\nVerse two\n##" },
        { "a single # is not a marker", "#1 in the charts" },
        { "a line of exactly 100 characters", new string('a', 100) },
        { "markers do not count towards a line's length", "##" + new string('a', 100) + "##" },
        { "a final new line", "Ends with a new line\n" },
        { "exactly 600 characters over ten lines", Repeat(new string('a', 59) + "\n", 10) },
        { "accents and punctuation", "Ça va, naïve café?\n\n¿Qué tal, señor?" },
        { "a 100-emoji line is 100 characters to the writer", Repeat("🎵", 100) },
    };

    [Theory]
    [MemberData(nameof(Clean))]
    public void Analyze_AcceptsWellFormedLyricsWithoutErrorsOrWarnings(string because, string lyrics)
    {
        var analysis = LyricsAnalyzer.Analyze(lyrics);

        Assert.True(
            analysis.Diagnostics.All(d => d.Severity == Info),
            $"{because}: expected only infos, got:\n{Describe(analysis)}");
        Assert.Equal(lyrics, analysis.Prompt);
    }

    [Theory]
    [InlineData("One\nTwo\nThree", 3, 0, false)]
    [InlineData("One\n\nTwo", 2, 1, false)]
    [InlineData("One\n\n\nTwo", 2, 2, false)]
    [InlineData("##One\n\nTwo##", 2, 1, true)]
    [InlineData("##\nOne\n##", 1, 0, true)]
    [InlineData("\nOne", 1, 1, false)]
    [InlineData("One\n", 1, 0, false)]
    [InlineData("One ## two", 1, 0, false)]
    [InlineData("##One##\n", 1, 0, false)]
    public void Analyze_CountsSungLinesPausesAndAccompaniment(string lyrics, int lines, int pauses, bool accompaniment)
    {
        var analysis = LyricsAnalyzer.Analyze(lyrics);

        Assert.Equal(lines, analysis.LineCount);
        Assert.Equal(pauses, analysis.PauseCount);
        Assert.Equal(accompaniment, analysis.HasAccompaniment);
    }

    [Fact]
    public void Analyze_WithCrlf_SendsPlainNewLinesAndKeepsTheOriginal()
    {
        var analysis = LyricsAnalyzer.Analyze("One\r\nTwo\r\n\r\nThree");

        Assert.Equal("One\r\nTwo\r\n\r\nThree", analysis.Original);
        Assert.Equal("One\nTwo\n\nThree", analysis.Prompt);
        Assert.Equal(14, analysis.Length);
        Assert.Equal(1, analysis.PauseCount);
        Assert.False(analysis.HasErrors);
    }

    [Fact]
    public void Analyze_NeverTrimsSilently()
    {
        var analysis = LyricsAnalyzer.Analyze(" Hello ");

        Assert.Equal(" Hello ", analysis.Prompt);
        Assert.Equal(7, analysis.Length);
        Assert.Contains(analysis.Diagnostics, d => d.Severity == Warning && d.Line == 1);
    }

    [Fact]
    public void Analyze_OrdersErrorsThenWarningsThenInfos_EachByLine()
    {
        var analysis = LyricsAnalyzer.Analyze("One  \nTw\u0007o\n\n\nThree ## four\r\nFi\u200Bve");

        var order = analysis.Diagnostics.Select(d => (d.Severity, d.Line)).ToList();
        Assert.Equal(
            [
                (Error, (int?)2),       // U+0007
                (Error, 5),             // ## mid-line
                (Warning, 1),           // trailing spaces
                (Warning, 3),           // two blank lines
                (Warning, 6),           // zero-width space
                (Info, null),           // CRLF
                (Info, null),           // summary
            ],
            order);
    }

    [Fact]
    public void Analyze_DescribesEachPreviewRow()
    {
        var analysis = LyricsAnalyzer.Analyze("##\nHello  \n\nWorld##");

        Assert.Equal(
            [
                new PromptLine(PromptLineKind.AccompanimentStart, "##", 1),
                new PromptLine(PromptLineKind.Sung, "Hello  ", 2),
                new PromptLine(PromptLineKind.Pause, "", 3),
                new PromptLine(PromptLineKind.Sung, "World", 4),
                new PromptLine(PromptLineKind.AccompanimentEnd, "##", 4),
            ],
            analysis.Lines);
    }

    [Fact]
    public void Analyze_EstimatesSyllablesLinesAndPauses()
    {
        // Hel-lo world (3) + Good-bye (2): 5 × 0.28 + 2 × 0.22 + 1 × 0.6 = 2.44 s.
        var analysis = LyricsAnalyzer.Analyze("Hello world\n\nGoodbye");

        Assert.Equal(2.44, analysis.EstimatedDuration.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("Sing a song of summer days\nWalking down the dusty road")]
    [InlineData("Sing a song of summer days\n\nWalking down the dusty road")]
    [InlineData("##Sing a song of summer days\nWalking down the dusty road##")]
    [InlineData("Ça va, naïve café?\n\n2024, 🎵 here we go")]
    public void Analyze_EstimatesTheSameDurationTheSimulatorRenders(string lyrics)
    {
        var estimate = LyricsAnalyzer.Analyze(lyrics).EstimatedDuration;

        Assert.Equal(LyricsSynthesizer.Duration(lyrics).TotalSeconds, estimate.TotalSeconds, 3);
    }

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    private static string Describe(LyricsAnalysis analysis) =>
        string.Join('\n', analysis.Diagnostics.Select(d => $"  {d.Severity} L{d.Line} C{d.Column}: {d.Message}"));
}
