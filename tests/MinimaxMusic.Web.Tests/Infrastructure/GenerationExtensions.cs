using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Tests.Infrastructure;

internal static class GenerationExtensions
{
    /// <summary>
    /// Nothing more will happen to it soon: it is final and, when completed, its audio was saved or the first
    /// attempt to save it failed (saving runs after the status changes).
    /// </summary>
    public static bool IsSettled(this Generation g) =>
        g.IsFinal && (g.Status != GenerationStatus.Completed || g.IsArchived || g.LastArchiveError is not null);
}
