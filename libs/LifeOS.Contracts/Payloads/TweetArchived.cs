namespace LifeOS.Contracts.Payloads;

/// <summary>A Twitter/X post fetched from its URL and archived (the page snapshot is in the blob store).</summary>
public sealed record TweetArchived(
    string Url,
    string? TweetId = null,
    string? Author = null,
    string? Text = null,
    DateTimeOffset? CreatedAt = null,
    BlobReference? Archive = null,
    string? Status = null,
    string? Reason = null) : IDerivedPayload;
