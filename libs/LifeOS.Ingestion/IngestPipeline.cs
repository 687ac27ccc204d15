using System.Diagnostics.Metrics;
using LifeOS.Eventing;
using LifeOS.Storage;

namespace LifeOS.Ingestion;

/// <summary>The one way events enter the system: drop duplicates, append durably, record them in the ledger, then answer.</summary>
/// <remarks>
/// The ledger is written after the append. A crash between the two leaves events in the log that the ledger does
/// not know; the client, never acknowledged, retries, and the copy appended again is dropped by the store's
/// unique keys. Recording first would be worse: the retry would be called a duplicate of an event that was never stored.
/// </remarks>
public sealed class IngestPipeline(IEventLog log, IDeviceLedger ledger, IDeviceLocks locks, PipelineBackpressure backpressure)
{
    private static readonly Meter Meter = new("LifeOS.Ingestion");
    private static readonly Counter<long> AcceptedCounter = Meter.CreateCounter<long>("lifeos.ingest.accepted", "{event}");
    private static readonly Counter<long> DuplicateCounter = Meter.CreateCounter<long>("lifeos.ingest.duplicates", "{event}");
    private static readonly Counter<long> RejectedCounter = Meter.CreateCounter<long>("lifeos.ingest.rejected", "{event}");

    public async Task<IngestResult> IngestAsync(
        string user, IReadOnlyList<IngestCandidate> candidates, IReadOnlyList<Rejection> rejections, CancellationToken cancellationToken)
    {
        // Wait for room before taking any lock, so a held-back request never blocks another device.
        await backpressure.WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
        var devices = candidates.Select(c => c.Event.Device).Distinct(StringComparer.Ordinal).ToList();
        await using var held = await locks.AcquireAsync(user, devices, cancellationToken).ConfigureAwait(false);
        var fresh = new List<IngestCandidate>(candidates.Count);
        var seenSeqs = new HashSet<(string, long)>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var identities = candidates.Select(c => new EventIdentity(c.Event.Device, c.Event.Seq, c.ClientId)).ToList();
        var accepted = await ledger.FindAcceptedAsync(user, identities, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            // A repeat inside one batch is a duplicate too: the first copy wins.
            var repeated = !seenSeqs.Add((candidate.Event.Device, candidate.Event.Seq))
                | (candidate.ClientId is not null && !seenIds.Add(candidate.ClientId));
            if (!accepted[i] && !repeated)
                fresh.Add(candidate);
        }

        if (fresh.Count > 0)
        {
            // Past this point the request finishes even if the client hangs up: an append that commits must also
            // reach the ledger, or the ledger would show a false gap where the events are stored.
            await log.AppendAsync([.. fresh.Select(c => CloudEventCodec.Encode(c.Event, c.Topic))], CancellationToken.None).ConfigureAwait(false);
            await ledger.RecordAsync(user, [.. fresh.Select(c => new EventIdentity(c.Event.Device, c.Event.Seq, c.ClientId))], CancellationToken.None)
                .ConfigureAwait(false);
        }

        var highs = await ledger.GetHighSeqsAsync(user, devices, cancellationToken).ConfigureAwait(false);

        var duplicates = candidates.Count - fresh.Count;
        AcceptedCounter.Add(fresh.Count);
        DuplicateCounter.Add(duplicates);
        RejectedCounter.Add(rejections.Count);
        return new IngestResult(
            fresh.Count,
            duplicates,
            [.. rejections.OrderBy(r => r.Index)],
            highs.ToDictionary(h => h.Key, h => new DeviceHighSeq(h.Value), StringComparer.Ordinal));
    }
}
