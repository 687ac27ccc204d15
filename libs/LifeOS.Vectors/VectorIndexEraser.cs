using LifeOS.Contracts;

namespace LifeOS.Vectors;

/// <summary>Deletes a user's points from every registered vector index (none registered: nothing to do).</summary>
public sealed class VectorIndexEraser(IEnumerable<IVectorIndex> indexes) : IUserDataEraser
{
    public string Name => "vectors";

    public int Order => ErasureOrder.Derived;

    public async Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        var filter = new VectorFilter(selection.User, selection.Types?.ToList(), selection.From, selection.To);
        long removed = 0;
        foreach (var index in indexes)
        {
            var before = await index.CountAsync(filter, cancellationToken).ConfigureAwait(false);
            await index.DeleteAsync(filter, cancellationToken).ConfigureAwait(false);
            removed += before;
        }

        return new ErasureResult(Name, removed, []);
    }
}
