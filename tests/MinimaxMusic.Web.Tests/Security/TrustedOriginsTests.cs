using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Tests.Security;

public sealed class TrustedOriginsTests
{
    [Theory]
    [InlineData("127.0.0.1", 5123, true)]
    [InlineData("127.0.0.1", 5124, false)]
    [InlineData("127.0.0.2", 5123, false)]
    [InlineData("localhost", 5123, false)]
    public void IsTrusted_MatchesExactlyTheHostAndPortThatWereAdded(string host, int port, bool trusted)
    {
        var origins = new TrustedOrigins();
        origins.Add(new Uri("http://127.0.0.1:5123/some/path"));

        Assert.Equal(trusted, origins.IsTrusted(host, port));
    }

    [Fact]
    public void IsTrusted_ForAnIPv6Origin_MatchesWithOrWithoutBrackets()
    {
        var origins = new TrustedOrigins();
        origins.Add(new Uri("http://[::1]:8080/"));

        Assert.True(origins.IsTrusted("::1", 8080));
        Assert.True(origins.IsTrusted("[::1]", 8080));
    }

    [Fact]
    public void IsTrusted_WithNothingAdded_TrustsNothing() =>
        Assert.False(new TrustedOrigins().IsTrusted("127.0.0.1", 80));

    [Fact]
    public void Add_OfANonHttpUrl_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new TrustedOrigins().Add(new Uri("ftp://127.0.0.1/")));
}
