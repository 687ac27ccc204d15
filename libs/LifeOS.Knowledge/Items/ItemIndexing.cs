using LifeOS.Contracts;
using LifeOS.Contracts.Payloads;
using LifeOS.Search;

namespace LifeOS.Knowledge.Items;

/// <summary>The last part of every knowledge step: cut the extracted text into chunks, index them, record the item.</summary>
public sealed class ItemIndexing(KnowledgeStore store, SearchIndexer search)
{
    /// <summary>Indexes <paramref name="text"/> as the chunks of the item and stores the item; returns the stored record.</summary>
    public async Task<KnowledgeRecord> IndexAsync(LifeEvent source, string kind, string text, ItemDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(details);
        var pieces = TextChunker.Split(text);
        var chunks = pieces.Select((piece, i) => new TextChunk(TextChunk.IdOf(source.Id, i), source.User, kind, source.Type, source.Id, i, source.Time,
            piece, details.Title, details.CanonicalUrl ?? details.Url)).ToList();
        string? embedding = null;
        if (chunks.Count > 0)
            embedding = await search.IndexAsync(chunks, cancellationToken).ConfigureAwait(false);
        else
            await search.RemoveSourceAsync(source.User, source.Id, cancellationToken).ConfigureAwait(false);
        var record = new KnowledgeRecord(source.Id, source.User, kind, source.Type, source.Time, details.Title, details.Url, details.CanonicalUrl,
            details.ContentType, ProcessingStatus.Ok, chunks.Count == 0 ? "no text was found" : null, details.Extractor, embedding, chunks.Count, text.Length);
        await store.SaveAsync(record, cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>Records an item whose processing failed or was skipped, so the list shows it and why.</summary>
    public Task RecordAsync(LifeEvent source, string kind, string status, string reason, ItemDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(details);
        return store.SaveAsync(new KnowledgeRecord(source.Id, source.User, kind, source.Type, source.Time, details.Title, details.Url, details.CanonicalUrl,
            details.ContentType, status, reason, details.Extractor, null, 0, 0), cancellationToken);
    }
}

/// <summary>What is known about an item's source besides its text.</summary>
public sealed record ItemDetails(string Extractor, string? Title = null, string? Url = null, string? CanonicalUrl = null, string? ContentType = null);
