using LifeOS.Contracts;
using LifeOS.Storage;
using Microsoft.Extensions.Logging;

namespace LifeOS.Identity.Deletion;

/// <summary>Deletes a user's data from every store that holds it: each registered <see cref="IUserDataEraser"/> in
/// order, then the blobs no stored event references any more.</summary>
public sealed class DataDeletion(IEnumerable<IUserDataEraser> erasers, IBlobStore blobs, ILogger<DataDeletion> logger)
{
    public async Task<DeletionReport> DeleteAsync(DataSelection selection, CancellationToken cancellationToken)
    {
        var removed = new Dictionary<string, long>(StringComparer.Ordinal);
        var released = new HashSet<string>(StringComparer.Ordinal);
        foreach (var eraser in erasers.OrderBy(e => e.Order))
        {
            var result = await eraser.EraseAsync(selection, cancellationToken).ConfigureAwait(false);
            removed[result.Store] = removed.GetValueOrDefault(result.Store) + result.Removed;
            released.UnionWith(result.ReleasedBlobs);
        }

        long blobsRemoved = 0;
        foreach (var sha in released)
        {
            if (await blobs.DeleteAsync(sha, cancellationToken).ConfigureAwait(false))
                blobsRemoved++;
        }

        removed["blobs"] = blobsRemoved;
        logger.LogInformation("Deleted data of {User}: {Counts}", selection.User, string.Join(", ", removed.Select(r => $"{r.Key} {r.Value}")));
        return new DeletionReport(removed);
    }
}

/// <summary>How many records each store removed.</summary>
public sealed record DeletionReport(IReadOnlyDictionary<string, long> Removed);
