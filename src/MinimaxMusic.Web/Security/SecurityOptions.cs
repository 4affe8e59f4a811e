namespace MinimaxMusic.Web.Security;

internal sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Lets the server fetch URLs on loopback and private networks. Off in production: the reference
    /// probe and the archiver fetch URLs that users type, and must not become a way into the host's network.
    /// </summary>
    public bool AllowPrivateNetworkUrls { get; set; }
}
