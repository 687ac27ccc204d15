using System.Net;

namespace LifeOS.AI;

/// <summary>A model endpoint answered with an error status (after any retries), with the server's own message.</summary>
public sealed class ModelApiException : Exception
{
    public ModelApiException(HttpStatusCode statusCode, string message, string? errorCode = null)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public ModelApiException()
    {
    }

    public ModelApiException(string message)
        : base(message)
    {
    }

    public ModelApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status of the last attempt.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The error's "code" or "type" from the body, when the server sent one.</summary>
    public string? ErrorCode { get; }
}
