using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LifeOS.Ingestion;

/// <summary>problem+json answers that name the field at fault and never echo the input.</summary>
public static class Problems
{
    public static ProblemHttpResult Field(int status, string field, string detail) =>
        TypedResults.Problem(
            detail: $"{field}: {detail}",
            statusCode: status,
            title: status switch
            {
                StatusCodes.Status413PayloadTooLarge => "Request too large",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported content type",
                _ => "Invalid request",
            },
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
