namespace LifeOS.Vectors;

/// <summary>A nearest-neighbour search: the query vector, whose points to look at, and how many hits to return.</summary>
public sealed record VectorQuery(ReadOnlyMemory<float> Vector, VectorFilter Filter, int Limit = 10)
{
    /// <summary>Upper bound on <see cref="Limit"/>; larger pages belong to a paging API, not a top-k search.</summary>
    public const int MaxLimit = 1000;
}

/// <summary>One search result: the point's id, its cosine similarity to the query and its payload.</summary>
public sealed record VectorHit(string Id, float Score, VectorPayload Payload);
