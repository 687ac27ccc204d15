namespace LifeOS.Contracts.Payloads;

/// <summary>A note, link, image or PDF to keep and index for search.</summary>
/// <remarks><see cref="Format"/> says how to read <see cref="Text"/>: plain or markdown.</remarks>
public sealed record KnowledgeItemSubmitted(
    string Kind,
    string? Title = null,
    string? Text = null,
    string? Format = null,
    string? Url = null,
    BlobReference? Blob = null,
    IReadOnlyList<string>? Tags = null);
