namespace LifeOS.Vectors;

/// <summary>Semantic search over embedded chunks of a person's data (knowledge items, journal entries, transcripts).</summary>
/// <remarks>
/// One instance serves one collection of one dimension. Scores are cosine similarities in [-1, 1], higher is closer.
/// Every search and every filtered delete names a user: the index never answers across people.
/// </remarks>
public interface IVectorIndex
{
    /// <summary>The collection this index reads and writes.</summary>
    string Collection { get; }

    /// <summary>Length of every vector in the collection.</summary>
    int Dimension { get; }

    /// <summary>Creates the collection when it does not exist; fails when it exists with another dimension. Idempotent.</summary>
    Task EnsureCollectionAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces points by id; when the task completes the points are durable and searchable.</summary>
    Task UpsertAsync(IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken = default);

    /// <summary>Removes the points with these ids; unknown ids are ignored.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Removes every point of the filter's user that matches the rest of the filter.</summary>
    Task DeleteAsync(VectorFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The closest points of one user, best first.</summary>
    Task<IReadOnlyList<VectorHit>> SearchAsync(VectorQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many points match the filter.</summary>
    Task<long> CountAsync(VectorFilter filter, CancellationToken cancellationToken = default);
}
