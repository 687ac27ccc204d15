using LifeOS.AI;
using LifeOS.Contracts;
using LifeOS.Storage;
using LifeOS.Vectors;
using Microsoft.Extensions.AI;

namespace LifeOS.Search;

/// <summary>Embeds chunks with the configured embedding model and keeps them in a vector index of that model's dimension.</summary>
/// <remarks>
/// The index is opened on first use, when the first embedding tells its dimension (the model decides it, not a setting).
/// Points carry the model that embedded them; a search only returns points of the current model, so vectors from an
/// older model never mix with new ones before re-derivation replaces them.
/// </remarks>
public sealed class ChunkVectors(ModelRegistry models, Func<int, IVectorIndex> openIndex) : IUserDataEraser
{
    private readonly Lock _gate = new();
    private IVectorIndex? _index;

    public string Name => "chunk-vectors";

    public int Order => ErasureOrder.Derived;

    /// <summary>Whether an embedding model is configured, and which (or why none).</summary>
    public ModelLookup<IEmbeddingGenerator<string, Embedding<float>>> Model => models.Embeddings;

    /// <summary>The name embedded chunks record: the model id the endpoint reports, else the registry's description.</summary>
    public string? ModelName => Model.Client is { } client
        ? client.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? Model.Description
        : null;

    /// <summary>Embeds and upserts the chunks; returns what each chunk records as its embedding: the model, or <c>skipped: why</c>.</summary>
    public async Task<string> EmbedAsync(IReadOnlyList<TextChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        if (!Model.TryGet(out var generator))
            return "skipped: " + Model.Description;
        var model = ModelName!;
        if (chunks.Count == 0)
            return model;

        var embeddings = await generator.GenerateAsync([.. chunks.Select(c => c.Text)], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (embeddings.Count != chunks.Count)
            throw new InvalidOperationException($"The embedding model returned {embeddings.Count} vectors for {chunks.Count} chunks.");
        var index = await OpenAsync(embeddings[0].Vector.Length, cancellationToken).ConfigureAwait(false);
        var points = chunks.Select((c, i) => new VectorPoint(c.Id, embeddings[i].Vector,
            new VectorPayload(c.User, c.Kind, c.Time, c.SourceId, c.Position, model, Snippet(c.Text)))).ToList();
        await index.UpsertAsync(points, cancellationToken).ConfigureAwait(false);
        return model;
    }

    /// <summary>The chunks closest in meaning to <paramref name="text"/>, best first; null when no embedding model is configured.</summary>
    public async Task<IReadOnlyList<VectorHit>?> SearchAsync(TextQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!Model.TryGet(out var generator))
            return null;
        var model = ModelName;
        var vector = (await generator.GenerateAsync([query.Text], cancellationToken: cancellationToken).ConfigureAwait(false))[0].Vector;
        var index = await OpenAsync(vector.Length, cancellationToken).ConfigureAwait(false);
        var filter = new VectorFilter(query.User, query.Kinds?.ToList(), query.From, query.To);
        var hits = await index.SearchAsync(new VectorQuery(vector, filter, Math.Min(query.Limit * 2, VectorQuery.MaxLimit)), cancellationToken).ConfigureAwait(false);
        return [.. hits.Where(h => h.Payload.Model == model).Take(query.Limit)];
    }

    /// <summary>Removes the vectors of one source item (nothing to do when no index was ever opened and no model can open it).</summary>
    public async Task DeleteSourceAsync(string user, string sourceId, CancellationToken cancellationToken)
    {
        if (await TryOpenExistingAsync(cancellationToken).ConfigureAwait(false) is { } index)
            await index.DeleteBySourceAsync(user, sourceId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (await TryOpenExistingAsync(cancellationToken).ConfigureAwait(false) is not { } index)
            return ErasureResult.Nothing(Name);
        var kinds = selection.Types is null ? null : SourceTypes.KindsOf(selection.Types);
        if (kinds is { Count: 0 })
            return ErasureResult.Nothing(Name);
        var filter = new VectorFilter(selection.User, kinds, selection.From, selection.To);
        var count = await index.CountAsync(filter, cancellationToken).ConfigureAwait(false);
        await index.DeleteAsync(filter, cancellationToken).ConfigureAwait(false);
        return new ErasureResult(Name, count, []);
    }

    private async Task<IVectorIndex?> TryOpenExistingAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_index is not null)
                return _index;
        }

        // The dimension is the model's: one probe embedding tells it when nothing was embedded since start-up.
        if (!Model.TryGet(out var generator))
            return null;
        var probe = await generator.GenerateAsync(["dimension probe"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return await OpenAsync(probe[0].Vector.Length, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IVectorIndex> OpenAsync(int dimension, CancellationToken cancellationToken)
    {
        IVectorIndex index;
        lock (_gate)
        {
            if (_index is { } open && open.Dimension == dimension)
                return open;
            index = _index = openIndex(dimension);
        }

        await index.EnsureCollectionAsync(cancellationToken).ConfigureAwait(false);
        return index;
    }

    private static string Snippet(string text) => text.Length <= 200 ? text : text[..200];
}
