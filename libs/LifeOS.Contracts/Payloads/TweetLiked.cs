namespace LifeOS.Contracts.Payloads;

/// <summary>A liked Twitter/X post, as the importer scraped it.</summary>
public sealed record TweetLiked(
    string TweetId,
    string Url,
    string? Author = null,
    string? Text = null,
    DateTimeOffset? CreatedAt = null,
    DateTimeOffset? LikedAt = null);
