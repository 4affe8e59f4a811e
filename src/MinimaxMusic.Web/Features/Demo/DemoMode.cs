using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Features.Demo;

/// <summary>What the UI needs to know about demo mode (nothing about the key itself).</summary>
internal sealed class DemoMode(IOptions<AimlApiOptions> options)
{
    public bool IsActive => options.Value.IsDemoMode;

    /// <summary>A ready-made reference track served by the in-process simulator, once it has started.</summary>
    public Uri? SampleReference { get; internal set; }
}
