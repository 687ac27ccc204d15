using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LifeOS.Identity.Http;

/// <summary>problem+json answers of the account endpoints: they name the field at fault and never echo input or secrets.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Field(string field, string detail, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(
            statusCode: status,
            title: status switch
            {
                StatusCodes.Status401Unauthorized => "Authentication failed",
                StatusCodes.Status403Forbidden => "Forbidden",
                StatusCodes.Status404NotFound => "Not found",
                StatusCodes.Status409Conflict => "Conflict",
                StatusCodes.Status429TooManyRequests => "Too many requests",
                StatusCodes.Status503ServiceUnavailable => "Not configured",
                _ => "Invalid request",
            },
            detail: $"{field}: {detail}",
            extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>A 400 from a message of the form <c>field: detail</c>.</summary>
    public static ProblemHttpResult FromError(string error)
    {
        var colon = error.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? Field(error[..colon], error[(colon + 1)..].TrimStart()) : Field("request", error);
    }
}
