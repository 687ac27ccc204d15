using System.Net;

namespace LifeOS.Testing.Agents;

/// <summary>A device agent under test: sends batches with increasing seqs, records what was acknowledged, and resends a batch whose answer never came.</summary>
public sealed class IngestingClient
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly ServerApi _api;
    private readonly Random _random;
    private readonly Dictionary<string, long> _nextSeq = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Device, long Seq), SentEvent> _sent = [];
    private readonly HashSet<(string Device, long Seq)> _acknowledged = [];
    private readonly List<string> _problems = [];
    private readonly TimeSpan _pause;
    private int _inFlight;

    public IngestingClient(int number, int deviceCount, ServerApi api, int seed, TimeSpan? pauseBetweenBatches = null)
    {
        _pause = pauseBetweenBatches ?? TimeSpan.Zero;
        Number = number;
        _api = api;
        _random = new Random(seed);
        string[] kinds = ["watch", "phone"];
        Devices = [.. Enumerable.Range(0, deviceCount).Select(k => $"{kinds[k % kinds.Length]}-{number}")];
        // Devices start wherever they left off; the ledger's lowSeq must follow.
        foreach (var device in Devices)
            _nextSeq[device] = 1 + _random.Next(1000);
    }

    public int Number { get; }

    public IReadOnlyList<string> Devices { get; }

    /// <summary>Every event ever put into a batch; read after <see cref="RunAsync"/> completed.</summary>
    public IReadOnlyDictionary<(string Device, long Seq), SentEvent> Sent => _sent;

    /// <summary>Every (device, seq) a 202 answered for.</summary>
    public IReadOnlySet<(string Device, long Seq)> Acknowledged => _acknowledged;

    /// <summary>Answers that break the API's promises (false duplicates, wrong counts); the test fails on any.</summary>
    public IReadOnlyList<string> Problems => _problems;

    public ClientStats Stats { get; } = new();

    /// <summary>True while a request is on the wire: a kill now leaves it in doubt.</summary>
    public bool InFlight => Volatile.Read(ref _inFlight) == 1;

    /// <summary>Sends until <paramref name="stop"/>, then keeps resending the batch in hand until it is acknowledged.</summary>
    public async Task RunAsync(CancellationToken stop, CancellationToken abort)
    {
        Batch? pending = null;
        while (!stop.IsCancellationRequested || pending is not null)
        {
            pending ??= NextBatch();
            if (await TrySendAsync(pending, abort))
            {
                pending = null;
                if (_pause > TimeSpan.Zero)
                    await Task.Delay(_pause, abort);
            }
            else
                await Task.Delay(RetryDelay, abort);
        }
    }

    private Batch NextBatch()
    {
        var size = _random.Next(1, 201);
        var events = new List<SentEvent>(size);
        for (var i = 0; i < size; i++)
        {
            var device = Devices[_random.Next(Devices.Count)];
            var e = TestEvents.Create(_random, device, _nextSeq[device]++);
            events.Add(e);
            _sent.Add((e.Device, e.Seq), e);
        }

        return new Batch(events, TestEvents.ToJson(events));
    }

    private async Task<bool> TrySendAsync(Batch batch, CancellationToken abort)
    {
        IngestResponse response;
        Volatile.Write(ref _inFlight, 1);
        try
        {
            response = await _api.IngestAsync(batch.Json, abort);
        }
        catch (Exception ex) when ((ex is HttpRequestException or IOException or TaskCanceledException) && !abort.IsCancellationRequested)
        {
            if (ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
            {
                // No connection, so the request never reached a server: safe to resend, but not in doubt.
                Stats.Refused++;
            }
            else
            {
                // Sent, maybe processed, never answered: only a resend with the same seqs can settle it.
                if (ex is TaskCanceledException)
                    Stats.Timeouts++;
                if (!batch.MaybeDelivered)
                    Stats.InDoubt++;
                batch.MaybeDelivered = true;
            }

            return false;
        }
        finally
        {
            Volatile.Write(ref _inFlight, 0);
        }

        if (response.Status == HttpStatusCode.Accepted)
        {
            Check(batch, response.Answer!);
            return true;
        }

        if (response.Status == HttpStatusCode.ServiceUnavailable)
        {
            // The promised answer while a backing service restarts: not acknowledged, so resend. The events may already
            // be in the log; the resend settles it, and the store must keep them once.
            Stats.Unavailable++;
            batch.MaybeDelivered = true;
            return false;
        }

        if ((int)response.Status >= 500)
        {
            // A kill never produces a 5xx; record it and retry as an agent would.
            Stats.ServerErrors++;
            _problems.Add($"client {Number}: {(int)response.Status} from /v1/ingest: {response.Body}");
            batch.MaybeDelivered = true;
            return false;
        }

        throw new InvalidOperationException($"client {Number}: /v1/ingest answered {(int)response.Status}: {response.Body}");
    }

    private void Check(Batch batch, IngestAnswer answer)
    {
        var count = batch.Events.Count;
        var first = batch.Events[0];
        var label = $"client {Number}, batch of {count} from {first.Device}/{first.Seq}";
        if (answer.Rejected.Count > 0)
            _problems.Add($"{label}: {answer.Rejected.Count} events rejected, first {answer.Rejected[0]}");
        if (answer.Accepted + answer.Duplicates != count)
            _problems.Add($"{label}: accepted {answer.Accepted} + duplicates {answer.Duplicates} != {count} sent");

        if (!batch.MaybeDelivered && answer.Duplicates > 0)
        {
            // These events never reached the server before, so calling them duplicates drops them: data loss.
            _problems.Add($"{label}: first delivery called {answer.Duplicates} events duplicates");
        }

        foreach (var device in batch.Events.GroupBy(e => e.Device, StringComparer.Ordinal))
        {
            var max = device.Max(e => e.Seq);
            if (!answer.Ledger.TryGetValue(device.Key, out var high) || high.HighSeq < max)
                _problems.Add($"{label}: ledger highSeq of {device.Key} is {high?.HighSeq.ToString() ?? "missing"} after acknowledging seq {max}");
        }

        if (batch.MaybeDelivered)
        {
            if (answer.Duplicates == count)
                Stats.ResentAlreadyStored++;
            else if (answer.Accepted == count)
                Stats.ResentNotStored++;
            else
                Stats.ResentPartlyStored++;
        }

        Stats.BatchesAcknowledged++;
        Stats.EventsAcknowledged += count;
        foreach (var e in batch.Events)
            _acknowledged.Add((e.Device, e.Seq));
    }

    private sealed class Batch(List<SentEvent> events, string json)
    {
        public List<SentEvent> Events { get; } = events;

        public string Json { get; } = json;

        /// <summary>A request with this batch may have reached the server (its answer was lost).</summary>
        public bool MaybeDelivered { get; set; }
    }
}

/// <summary>What happened to one client's requests across the kills.</summary>
public sealed class ClientStats
{
    public int BatchesAcknowledged { get; set; }

    public long EventsAcknowledged { get; set; }

    /// <summary>Batches whose request was sent but never answered (the kill cut it off).</summary>
    public int InDoubt { get; set; }

    /// <summary>Attempts that found no server listening (down or restarting).</summary>
    public int Refused { get; set; }

    public int Timeouts { get; set; }

    public int ServerErrors { get; set; }

    /// <summary>503 answers (backpressure, or a backing service restarting), each followed by a resend.</summary>
    public int Unavailable { get; set; }

    /// <summary>In-doubt batches the server already had: the kill came after the durable append, before the answer.</summary>
    public int ResentAlreadyStored { get; set; }

    /// <summary>In-doubt batches the server did not have: the kill came before the append committed.</summary>
    public int ResentNotStored { get; set; }

    public int ResentPartlyStored { get; set; }

    public static ClientStats Sum(IEnumerable<ClientStats> all)
    {
        var sum = new ClientStats();
        foreach (var s in all)
        {
            sum.BatchesAcknowledged += s.BatchesAcknowledged;
            sum.EventsAcknowledged += s.EventsAcknowledged;
            sum.InDoubt += s.InDoubt;
            sum.Refused += s.Refused;
            sum.Timeouts += s.Timeouts;
            sum.ServerErrors += s.ServerErrors;
            sum.Unavailable += s.Unavailable;
            sum.ResentAlreadyStored += s.ResentAlreadyStored;
            sum.ResentNotStored += s.ResentNotStored;
            sum.ResentPartlyStored += s.ResentPartlyStored;
        }

        return sum;
    }

    public override string ToString() =>
        $"{BatchesAcknowledged} batches / {EventsAcknowledged} events acknowledged; {InDoubt} batches in doubt "
        + $"(on resend {ResentAlreadyStored} already stored, {ResentNotStored} not stored, {ResentPartlyStored} partly); "
        + $"{Refused} refused connections, {Timeouts} timeouts, {Unavailable} 503s, {ServerErrors} other 5xx";
}
