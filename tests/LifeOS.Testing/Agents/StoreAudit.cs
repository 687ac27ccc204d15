using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LifeOS.Testing.Agents;

/// <summary>Compares what clients sent and had acknowledged with what the server's timeline, ledgers and metrics hold.</summary>
public static class StoreAudit
{
    /// <summary>Every broken promise found, one line each; empty when the stored data is exactly what was sent.</summary>
    public static async Task<List<string>> CheckAsync(
        ServerApi api,
        IReadOnlyDictionary<(string Device, long Seq), SentEvent> sent,
        IReadOnlySet<(string Device, long Seq)> acknowledged,
        CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var storedTotal = 0;
        foreach (var device in sent.Values.GroupBy(e => e.Device, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var expected = device.ToDictionary(e => e.Seq);
            var stored = await api.ReadTimelineAsync(device.Key, cancellationToken);
            storedTotal += stored.Count;
            CheckTimeline(device.Key, expected, acknowledged, stored, problems);
            CheckLedger(device.Key, expected.Keys, await api.GetLedgerAsync(device.Key, cancellationToken), problems);
        }

        // Per-device reads cannot see an event filed under a device nobody sent from.
        var everything = await api.ReadTimelineAsync(null, cancellationToken);
        if (everything.Count != storedTotal)
        {
            var strangers = everything.Where(e => !sent.ContainsKey((e.Device, e.Seq))).Take(5).Select(e => $"{e.Device}/{e.Seq}");
            problems.Add($"the whole timeline holds {everything.Count} events but the per-device timelines {storedTotal}; e.g. {string.Join(", ", strangers)}");
        }

        // The projection tables must not double up on replays either: one heart-rate sample per heart-rate event.
        var heartRates = sent.Values.Where(e => e.Type == TestEvents.HeartRate).ToList();
        if (heartRates.Count > 0)
        {
            var samples = await api.CountSamplesAsync(
                TestEvents.HeartRate, heartRates.Min(e => e.Time).AddDays(-1), heartRates.Max(e => e.Time).AddDays(1), cancellationToken);
            if (samples != heartRates.Count)
                problems.Add($"metrics count {samples} heart-rate samples for {heartRates.Count} heart-rate events sent");
        }

        return problems;
    }

    /// <summary>Writes seqs as ranges ("3-7, 12"), at most <paramref name="max"/> of them.</summary>
    public static string Ranges(IEnumerable<long> seqs, int max = 20)
    {
        var ranges = new List<(long From, long To)>();
        foreach (var seq in seqs.Order())
        {
            if (ranges.Count > 0 && ranges[^1].To + 1 == seq)
                ranges[^1] = (ranges[^1].From, seq);
            else if (ranges.Count == 0 || ranges[^1].To != seq)
                ranges.Add((seq, seq));
        }

        var text = new StringBuilder();
        foreach (var (from, to) in ranges.Take(max))
            text.Append(text.Length == 0 ? "" : ", ").Append(from == to ? $"{from}" : $"{from}-{to}");
        if (ranges.Count > max)
            text.Append(CultureInfo.InvariantCulture, $" (+{ranges.Count - max} more ranges)");
        return text.ToString();
    }

    private static void CheckTimeline(
        string device,
        Dictionary<long, SentEvent> expected,
        IReadOnlySet<(string Device, long Seq)> acknowledged,
        List<StoredEvent> stored,
        List<string> problems)
    {
        var wrongDevice = stored.Where(e => e.Device != device).ToList();
        if (wrongDevice.Count > 0)
            problems.Add($"{device}: the device filter returned {wrongDevice.Count} events of other devices, e.g. {wrongDevice[0].Device}/{wrongDevice[0].Seq}");

        var bySeq = stored.GroupBy(e => e.Seq).ToDictionary(g => g.Key, g => g.Count());
        var twice = bySeq.Where(p => p.Value > 1).Select(p => p.Key).ToList();
        if (twice.Count > 0)
            problems.Add($"{device}: {twice.Count} seqs stored more than once (DUPLICATE rows): {Ranges(twice)}");

        var sameIds = stored.GroupBy(e => e.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        if (sameIds.Count > 0)
            problems.Add($"{device}: {sameIds.Count} ids stored more than once, e.g. {sameIds[0].Key} at seqs {string.Join(", ", sameIds[0].Select(e => e.Seq))}");

        var neverSent = bySeq.Keys.Where(seq => !expected.ContainsKey(seq)).ToList();
        if (neverSent.Count > 0)
            problems.Add($"{device}: {neverSent.Count} stored seqs were never sent: {Ranges(neverSent)}");

        var lost = expected.Keys.Where(seq => acknowledged.Contains((device, seq)) && !bySeq.ContainsKey(seq)).ToList();
        if (lost.Count > 0)
            problems.Add($"{device}: {lost.Count} ACKNOWLEDGED seqs are missing (data loss): {Ranges(lost)}");

        var unacknowledged = expected.Keys.Where(seq => !acknowledged.Contains((device, seq))).ToList();
        if (unacknowledged.Count > 0)
            problems.Add($"{device}: {unacknowledged.Count} sent seqs were never acknowledged although resent until answered: {Ranges(unacknowledged)}");

        var altered = new List<string>();
        foreach (var e in stored.DistinctBy(e => e.Seq))
        {
            if (!expected.TryGetValue(e.Seq, out var original))
                continue;
            using var data = JsonDocument.Parse(original.Data);
            if (e.Type != original.Type || DateTimeOffset.Parse(e.Time, CultureInfo.InvariantCulture) != original.Time
                || !JsonElement.DeepEquals(e.Data, data.RootElement))
            {
                altered.Add($"seq {e.Seq}: stored {e.Type} {e.Time} {e.Data.GetRawText()}, sent {original.Type} {TestEvents.Format(original.Time)} {original.Data}");
            }
        }

        if (altered.Count > 0)
            problems.Add($"{device}: {altered.Count} events stored differently from how they were sent, e.g. {altered[0]}");
    }

    private static void CheckLedger(string device, IEnumerable<long> sentSeqs, LedgerView? ledger, List<string> problems)
    {
        var seqs = sentSeqs.ToList();
        if (ledger is null)
        {
            problems.Add($"{device}: the ledger answers 404 after {seqs.Count} events were acknowledged");
            return;
        }

        var (low, high) = (seqs.Min(), seqs.Max());
        if (ledger.Gaps.Count > 0 || ledger.GapsTruncated)
        {
            problems.Add($"{device}: the ledger shows FALSE gaps (every seq was resent until acknowledged): "
                + string.Join(", ", ledger.Gaps.Take(20).Select(g => g.From == g.To ? $"{g.From}" : $"{g.From}-{g.To}"))
                + (ledger.GapsTruncated ? " (truncated)" : ""));
        }

        if (ledger.Received != seqs.Count || ledger.HighSeq != high || ledger.LowSeq != low)
        {
            problems.Add($"{device}: the ledger says received {ledger.Received}, seqs {ledger.LowSeq}..{ledger.HighSeq}; "
                + $"sent {seqs.Count} distinct seqs {low}..{high}");
        }
    }
}
