namespace LifeOS.Contracts.Payloads;

/// <summary>The text (and optionally a summary) extracted from a PDF at a URL; the PDF itself is in the blob store.</summary>
public sealed record PdfExtracted(
    string Url,
    string? Title = null,
    string? Text = null,
    int? PageCount = null,
    string? Summary = null,
    BlobReference? Blob = null,
    string? Model = null,
    string? Status = null,
    string? Reason = null) : IDerivedPayload;
