namespace LifeOS.Knowledge.Web;

/// <summary>The fetch policy refused a URL (or a redirect, or what its name resolved to) before any connection was made.</summary>
public sealed class UrlRefusedException : Exception
{
    public UrlRefusedException()
        : base("the URL was refused")
    {
    }

    public UrlRefusedException(string message)
        : base(message)
    {
    }

    public UrlRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
