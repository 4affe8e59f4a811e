using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace MinimaxMusic.Web.Security;

/// <summary>
/// The rules for every URL the server fetches for a user. <see cref="ConnectAsync"/> is the authority: it
/// runs for every new connection, after DNS, so neither a redirect nor a DNS answer that changes between
/// check and use (rebinding) can reach a refused address. <see cref="CheckUrl"/> gives the same verdict
/// early, with a clearer message, for what can be judged from the URL alone.
/// </summary>
internal sealed class OutboundGuard(IOptionsMonitor<SecurityOptions> options, TrustedOrigins trustedOrigins)
{
    public const string PrivateNetworkRefusal = "addresses on private networks are not allowed";

    /// <summary>Why the URL may not be fetched, or null when it may (as far as the URL alone tells).</summary>
    public string? CheckUrl(Uri url)
    {
        if (CheckShape(url) is { } problem)
        {
            return problem;
        }

        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(url.IdnHost, out var literal)
            && !MaySkipAddressCheck(url.IdnHost, url.Port)
            && !NetworkAddressPolicy.IsAllowed(literal))
        {
            return $"{PrivateNetworkRefusal} ({url.Host})";
        }

        return null;
    }

    /// <summary>
    /// Why a person's browser must not be sent to <paramref name="url"/> (the vendor's link to a song not saved here
    /// yet), or null when it may: the rules of <see cref="CheckUrl"/>, plus the names that always mean this machine
    /// (localhost, *.localhost). No DNS: the browser resolves the name on its own, so our resolver's answer would
    /// prove nothing about where it goes.
    /// </summary>
    public string? CheckRedirect(Uri url)
    {
        if (CheckUrl(url) is { } problem)
        {
            return problem;
        }

        var host = url.IdnHost.TrimEnd('.');
        var isLocalhost = url.HostNameType == UriHostNameType.Dns
            && (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase));
        return isLocalhost && !MaySkipAddressCheck(url.IdnHost, url.Port) ? $"{PrivateNetworkRefusal} ({url.Host})" : null;
    }

    /// <summary>The URL rules that need no configuration: absolute http or https, no credentials.</summary>
    public static string? CheckShape(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return "the URL must be an absolute http:// or https:// address";
        }

        return string.IsNullOrEmpty(url.UserInfo) ? null : "the URL must not contain a user name or password";
    }

    /// <summary>The SocketsHttpHandler connect step: resolve, drop refused addresses, connect to the rest.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var bareHost = host.Trim('[', ']');
        var resolved = IPAddress.TryParse(bareHost, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(bareHost, cancellationToken);

        var candidates = MaySkipAddressCheck(bareHost, port)
            ? resolved
            : Array.FindAll(resolved, NetworkAddressPolicy.IsAllowed);
        if (candidates.Length == 0)
        {
            var shown = resolved.Length == 0 ? "" : literal is not null
                ? $" ({bareHost})"
                : $" ({bareHost} resolves to {string.Join(", ", resolved.Take(3).Select(a => a.ToString()))})";
            throw new OutboundUrlRefusedException(resolved.Length == 0
                ? $"the host {bareHost} has no address"
                : PrivateNetworkRefusal + shown);
        }

        Exception? last = null;
        foreach (var address in candidates)
        {
#pragma warning disable CA2000 // Ownership moves to the NetworkStream on success; every failure path disposes the socket.
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
#pragma warning restore CA2000
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private bool MaySkipAddressCheck(string host, int port) =>
        options.CurrentValue.AllowPrivateNetworkUrls || trustedOrigins.IsTrusted(host, port);
}
