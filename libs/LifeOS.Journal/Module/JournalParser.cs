using System.Text.Json;
using System.Text.Json.Nodes;
using LifeOS.Contracts;
using LifeOS.Contracts.Payloads;
using LifeOS.Pipeline;
using LifeOS.Search;
using LifeOS.Storage;

namespace LifeOS.Journal;

/// <summary>The journal step: an entry on <c>journal.entry.raw</c> becomes facts (rules, plus a chat model's inferences when
/// one is configured), missing facts for tracked fields, samples, and a searchable chunk.</summary>
/// <remarks>With a life store (the embedded server), numeric samples also go to its samples table, where <c>/v1/metrics</c>
/// and analytics read them beside sensor samples; a host without one keeps them in the journal store only.</remarks>
public sealed class JournalParser(
    JournalStore store, SearchIndexer search, JournalOptions options, ChatJournalExtractor? inference = null, ILifeStore? lifeStore = null) : IStepHandler
{
    private readonly DeterministicJournalExtractor _rules = new();

    /// <summary>What parsed entries record as their model; re-derivation re-parses entries that recorded another.</summary>
    public string Model => inference is null ? DeterministicJournalExtractor.ModelName : $"{DeterministicJournalExtractor.ModelName}+{inference.Model}";

    public async ValueTask<StepResult> HandleAsync(LifeEvent source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var entry = PayloadJson.Deserialize<JournalEntryWritten>(source.Data);
        if (entry is null || string.IsNullOrWhiteSpace(entry.Text) || entry.Text.Length > DeterministicJournalExtractor.MaxTextLength)
            return StepResult.Failed("text: must be a non-empty journal entry of at most 50000 characters");

        if (await store.IsDeletedAsync(source.User, source.Id, cancellationToken).ConfigureAwait(false))
            return StepResult.Skipped("the entry was deleted");

        var extraction = _rules.Extract(entry.Text, source.Time, options.TimeZone);
        IReadOnlyList<JournalFact> inferred = [];
        string? reason = null;
        if (inference is not null)
        {
            try
            {
                inferred = await inference.InferAsync(entry.Text, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FormatException or HttpRequestException or AI.ModelApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The explicit facts stand on their own; the entry says the inference failed, and re-derivation can retry it.
                reason = "inferred facts failed: " + e.Message;
            }
        }

        var merged = FactMerger.Merge(extraction.Facts, inferred);
        var facts = merged.Concat(MissingFacts.For(options.TrackedFields, merged)).ToList();
        var samples = JournalSamples.From(merged, source.Time);
        var parsed = facts.Select(f => f.ToParsedFact()).ToList();
        var model = reason is null ? Model : DeterministicJournalExtractor.ModelName;
        await store.SaveAsync(new JournalEntryRecord(source.Id, source.User, source.Time, entry.Text, entry.Title, model, ProcessingStatus.Ok, reason, parsed),
            samples, cancellationToken).ConfigureAwait(false);
        if (lifeStore is not null)
            await lifeStore.ReplaceDerivedSamplesAsync(ToDerived(source, samples), cancellationToken).ConfigureAwait(false);
        await search.IndexAsync(
            [new TextChunk(TextChunk.IdOf(source.Id, 0), source.User, SearchKinds.Journal, SourceTypes.JournalEntry, source.Id, 0, source.Time, entry.Text, entry.Title)],
            cancellationToken).ConfigureAwait(false);

        var fields = new JsonObject
        {
            ["facts"] = JsonSerializer.SerializeToNode(parsed, PayloadJson.Options),
            ["model"] = model,
        };
        return StepResult.Ok(fields);
    }

    /// <summary>The samples as the life store keeps them: one per type and instant, so two amounts spent at the entry's time
    /// add up (repeating fields are quantities) and two scores for one instant average.</summary>
    internal static DerivedSamples ToDerived(LifeEvent source, IReadOnlyList<JournalSample> samples) =>
        new(source.User, source.Id, source.Device, JournalSamples.TypePrefix,
        [
            .. samples.GroupBy(s => (s.Type, Timestamps.ToUnixMicros(s.Time))).Select(g => new DerivedSample(g.Key.Type, g.First().Time,
                JournalFields.TryGet(g.First().Field, out var field) && field.Repeats ? g.Sum(s => s.Value) : g.Average(s => s.Value))),
        ]);
}

/// <summary>Journal settings (section <c>LifeOS:Journal</c>).</summary>
public sealed class JournalOptions
{
    public const string Section = "LifeOS:Journal";

    /// <summary>Fields reported <c>missing</c> when an entry is silent on them.</summary>
    public IReadOnlyList<string> TrackedFields { get; init; } = ["mood.score", "energy.score", "sleep.duration"];

    /// <summary>The writer's time zone, where "yesterday" and "this morning" start; null keeps each entry's own offset.</summary>
    public TimeZoneInfo? TimeZone { get; init; }
}
