namespace MinimaxMusic.Web.Security;

/// <summary>The guard refused a URL or an address. The message is written for the person who typed the URL.</summary>
internal sealed class OutboundUrlRefusedException : Exception
{
    public OutboundUrlRefusedException()
        : this("the URL is not allowed")
    {
    }

    public OutboundUrlRefusedException(string message)
        : base(message)
    {
    }

    public OutboundUrlRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
