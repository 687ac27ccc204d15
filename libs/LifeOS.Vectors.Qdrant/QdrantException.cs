using System.Net;

namespace LifeOS.Vectors.Qdrant;

/// <summary>Qdrant refused a request or answered with something this client cannot read.</summary>
public sealed class QdrantException : Exception
{
    public QdrantException(string message)
        : base(message)
    {
    }

    public QdrantException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public QdrantException(HttpStatusCode status, string message)
        : base(message)
    {
        Status = status;
    }

    public QdrantException()
    {
    }

    /// <summary>The HTTP status Qdrant answered with, when it answered.</summary>
    public HttpStatusCode? Status { get; }
}
