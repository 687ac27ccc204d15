using System.Text.Json;
using System.Text.Json.Nodes;
using LifeOS.Contracts;
using LifeOS.Contracts.Payloads;
using LifeOS.Identity;

namespace LifeOS.Ingestion;

/// <summary>Builds and validates the event that carries an uploaded blob's reference (the claim check).</summary>
/// <remarks>
/// Validation runs twice: first with a placeholder reference, so a bad event is refused before its bytes are stored,
/// then with the real reference once they are.
/// </remarks>
internal static class MediaEvent
{
    private static readonly BlobReference Placeholder = new(new string('0', 64), 0, "application/octet-stream");

    /// <summary>Checks everything but the bytes; returns the error, or null when the event would be accepted.</summary>
    public static string? Precheck(MediaEventFields fields, string contentType, Caller caller)
    {
        using var document = Build(fields, Placeholder with { ContentType = contentType });
        return EventValidator.Validate(document.RootElement, 0, caller, out var error, bytesAttached: true) is null ? error : null;
    }

    /// <summary>The validated candidate for the stored blob; the document must outlive the candidate's use.</summary>
    public static (IngestCandidate? Candidate, JsonDocument Document, string? Error) Complete(MediaEventFields fields, BlobReference blob, Caller caller)
    {
        var document = Build(fields, blob);
        var candidate = EventValidator.Validate(document.RootElement, 0, caller, out var error, bytesAttached: true);
        return (candidate, document, error);
    }

    private static JsonDocument Build(MediaEventFields fields, BlobReference blob)
    {
        var data = (JsonObject)fields.Data.DeepClone();
        data["blob"] = new JsonObject
        {
            ["sha256"] = blob.Sha256,
            ["size"] = blob.Size,
            ["contentType"] = blob.ContentType,
        };
        var envelope = new JsonObject
        {
            ["type"] = fields.Type,
            ["device"] = fields.Device,
            ["seq"] = fields.Seq?.DeepClone(),
            ["time"] = fields.Time,
            ["data"] = data,
        };
        if (fields.Id is not null)
            envelope["id"] = fields.Id;
        return JsonSerializer.SerializeToDocument(envelope);
    }
}

/// <summary>The parts of a media event as they arrived (form fields or a frame header), before validation.</summary>
public sealed record MediaEventFields(string? Type, string? Device, JsonNode? Seq, string? Time, string? Id, JsonObject Data);
