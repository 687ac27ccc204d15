using LifeOS.Contracts;
using LifeOS.Eventing;
using LifeOS.Journal;
using LifeOS.Knowledge.Items;
using LifeOS.Knowledge.Web;
using LifeOS.Search;

namespace LifeOS.Knowledge;

/// <summary>Replays <c>journal.entry.raw</c>, <c>knowledge.item.ingest</c> and <c>task.url.ingest</c> from the start of the log
/// through the current extractor and embedding model, re-deriving only what an older model (or a skipped step) made.</summary>
/// <remarks>
/// It reads in a fresh consumer group, so the live steps' offsets are untouched. An entry is re-parsed when its stored
/// extractor differs from the current one; an item is re-indexed when its chunks were embedded by another model than the
/// current one (or skipped, and a model is configured now). Re-deriving replaces rows: facts, samples, chunks and vectors.
/// </remarks>
public sealed class Rederivation(
    IEventLog log, JournalStore journal, JournalParser parser, KnowledgeStore knowledge, KnowledgeIndexer indexer, UrlArchiver archiver, ChunkVectors vectors)
{
    /// <summary>The topics replayed.</summary>
    public static IReadOnlyList<TopicDefinition> Topics { get; } = [TopicCatalogue.JournalEntry, TopicCatalogue.KnowledgeItem, TopicCatalogue.UrlIngest];

    /// <summary>Runs to the end of the log; <paramref name="progress"/> hears about every event. With <paramref name="dryRun"/> nothing is written.</summary>
    public async Task<RederivationReport> RunAsync(bool dryRun, Action<RederivationProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var group = "rederive-" + Guid.NewGuid().ToString("N");
        var topics = Topics.Select(t => t.Name).ToList();
        await log.EnsureTopicsAsync(Topics.Select(t => new TopicSpec(t.Name, t.Partitions, t.Retention)), cancellationToken).ConfigureAwait(false);
        var total = await log.GetLagAsync(group, topics, cancellationToken).ConfigureAwait(false);
        var embedding = vectors.Model.IsConfigured ? vectors.ModelName! : null;
        long seen = 0, rederived = 0, current = 0, failed = 0;
        await using var consumer = await log.SubscribeAsync(group, topics, cancellationToken).ConfigureAwait(false);
        while (seen < total)
        {
            var batch = await consumer.PollAsync(100, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0 && await log.GetLagAsync(group, topics, cancellationToken).ConfigureAwait(false) == 0)
                break;
            foreach (var message in batch)
            {
                seen++;
                var e = CloudEventCodec.Decode(message, out var document);
                using (document)
                {
                    var (stale, why) = await IsStaleAsync(message.Topic, e, embedding, cancellationToken).ConfigureAwait(false);
                    string outcome;
                    if (!stale)
                    {
                        current++;
                        outcome = "current";
                    }
                    else if (dryRun)
                    {
                        rederived++;
                        outcome = "would re-derive: " + why;
                    }
                    else
                    {
                        var result = await HandleAsync(message.Topic, e, cancellationToken).ConfigureAwait(false);
                        if (result.Status == Contracts.Payloads.ProcessingStatus.Failed)
                            failed++;
                        else
                            rederived++;
                        outcome = $"re-derived ({why}): {result.Status}{(result.Reason is null ? "" : " " + result.Reason)}";
                    }

                    progress(new RederivationProgress(seen, total, message.Topic, e.Id, outcome));
                }
            }

            await consumer.CommitAsync([.. batch], cancellationToken).ConfigureAwait(false);
        }

        return new RederivationReport(seen, rederived, current, failed);
    }

    private async Task<(bool Stale, string Why)> IsStaleAsync(string topic, LifeEvent e, string? embedding, CancellationToken cancellationToken)
    {
        if (topic == TopicCatalogue.JournalEntry.Name)
        {
            if (await journal.IsDeletedAsync(e.User, e.Id, cancellationToken).ConfigureAwait(false))
                return (false, "");
            var model = await journal.GetModelAsync(e.User, e.Id, cancellationToken).ConfigureAwait(false);
            return model == parser.Model ? (false, "") : (true, $"parsed by {model ?? "nothing yet"}, current is {parser.Model}");
        }

        if (await knowledge.IsDeletedAsync(e.User, e.Id, cancellationToken).ConfigureAwait(false))
            return (false, "");
        var item = await knowledge.GetAsync(e.User, e.Id, cancellationToken).ConfigureAwait(false);
        if (item is null)
            return (true, "never processed");
        // Items that produced no chunks (failed fetches, skipped images) have nothing to re-embed.
        if (item.Chunks == 0 || embedding is null || item.Embedding == embedding)
            return (false, "");
        return (true, $"embedded by {item.Embedding}, current is {embedding}");
    }

    private async Task<Pipeline.StepResult> HandleAsync(string topic, LifeEvent e, CancellationToken cancellationToken) =>
        topic == TopicCatalogue.JournalEntry.Name ? await parser.HandleAsync(e, cancellationToken).ConfigureAwait(false)
        : topic == TopicCatalogue.KnowledgeItem.Name ? await indexer.HandleAsync(e, cancellationToken).ConfigureAwait(false)
        : await archiver.HandleAsync(e, cancellationToken).ConfigureAwait(false);
}

/// <summary>One replayed event and what became of it.</summary>
public sealed record RederivationProgress(long Seen, long Total, string Topic, string EventId, string Outcome);

/// <summary>Totals of a run.</summary>
public sealed record RederivationReport(long Seen, long Rederived, long Current, long Failed);
