namespace MinimaxMusic.Web.Upstream;

/// <summary>
/// Where the upstream client sends requests: the configured AIML base URL, or in demo mode the
/// in-process simulator's loopback address, known only once it has started listening (it starts
/// before any hosted service or request creates a client).
/// </summary>
internal sealed class UpstreamEndpoint(Uri configured)
{
    public Uri BaseAddress { get; private set; } = configured;

    public void Redirect(Uri baseAddress) => BaseAddress = baseAddress;
}
