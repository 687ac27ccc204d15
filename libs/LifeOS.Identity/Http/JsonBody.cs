using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LifeOS.Identity.Http;

/// <summary>Reads a small JSON request body by hand rather than by binding, so a malformed one is answered with a
/// problem that says what shape was expected.</summary>
public static class JsonBody
{
    // As ingest does: a key given twice is refused rather than one of its values silently winning.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpContext context, string example) where T : class
    {
        if (!context.Request.HasJsonContentType())
            return (null, ApiProblems.Field("Content-Type", "must be application/json", StatusCodes.Status415UnsupportedMediaType));
        try
        {
            var value = await context.Request.ReadFromJsonAsync<T>(Options, context.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, ApiProblems.Field("body", "must be a JSON object like " + example)) : (value, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            if (ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
                return (null, ApiProblems.Field("body", "is larger than this endpoint accepts", StatusCodes.Status413PayloadTooLarge));
            if (ex is JsonException { Path: { } path } && ex.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
                return (null, ApiProblems.Field(path.TrimStart('$', '.') is { Length: > 0 } field ? field : "body", "is given more than once"));
            return (null, ApiProblems.Field("body", "must be a JSON object like " + example));
        }
    }
}
