using System.Text;

namespace MinimaxMusic.Benchmarks;

/// <summary>Deterministic, varied lyrics of realistic length (150–600 characters, verses and a chorus).</summary>
internal static class SongLyrics
{
    private static readonly string[] Openers =
    [
        "Morning light", "Neon rain", "Summer wind", "Midnight train", "Silver river", "Empty streets", "Paper hearts",
        "Golden hour", "Northern lights", "Broken radio", "Harbour bells", "Desert roads", "City lights", "Winter fire",
    ];

    private static readonly string[] Middles =
    [
        "is calling me back home", "keeps falling on my mind", "carries all the words we said", "is running through the night",
        "will never let me go", "is singing out your name", "fades slowly into grey", "is burning like a flame",
        "takes me where the rivers bend", "holds the secrets of the sea", "is dancing on the wire", "waits beyond the hill",
    ];

    private static readonly string[] Closers =
    [
        "and I am not alone", "so hold on to the light", "till the morning comes", "and we will find our way",
        "under skies of blue", "across the open plain", "with nothing left to lose", "as the stars come out tonight",
    ];

    public static string For(int index)
    {
        var random = new Random(index * 7919 + 17);
        var builder = new StringBuilder();
        var target = random.Next(150, 560);
        var chorus = $"{Pick(random, Openers)} {Pick(random, Middles)}";
        // About a third ask for accompaniment: ## at the very start and the very end of the lyrics.
        var accompaniment = random.NextDouble() < 0.3;
        if (accompaniment)
        {
            target -= 4;
        }

        var line = 0;
        while (builder.Length < target)
        {
            var next = line % 5 == 4 ? chorus : $"{Pick(random, Openers)} {Pick(random, Middles)}, {Pick(random, Closers)}";
            if (builder.Length + next.Length + 6 > 600)
            {
                break;
            }

            builder.Append(next).Append('\n');
            if (line % 4 == 3)
            {
                builder.Append('\n');
            }

            line++;
        }

        var lyrics = builder.ToString().TrimEnd();
        return accompaniment ? $"##{lyrics}##" : lyrics;
    }

    public static string Title(int index) => For(index).Split('\n')[0].Replace("##", "", StringComparison.Ordinal);

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
