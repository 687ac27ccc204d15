namespace LifeOS.Vectors;

/// <summary>The deletes the rest of LifeOS asks for by name: an item's chunks, and a person's data.</summary>
public static class VectorIndexExtensions
{
    /// <summary>Removes every chunk cut from one source item (a knowledge item or journal entry that was deleted).</summary>
    public static Task DeleteBySourceAsync(this IVectorIndex index, string user, string sourceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceId);
        return index.DeleteAsync(new VectorFilter(user, SourceId: sourceId), cancellationToken);
    }

    /// <summary>Removes a user's points, optionally only some types and a time range [from, to).</summary>
    public static Task DeleteByUserAsync(
        this IVectorIndex index,
        string user,
        IReadOnlyList<string>? types = null,
        DateTimeOffset? from = null,
        DateTimeOffset? to = null,
        CancellationToken cancellationToken = default) =>
        index.DeleteAsync(new VectorFilter(user, types, from, to), cancellationToken);
}
