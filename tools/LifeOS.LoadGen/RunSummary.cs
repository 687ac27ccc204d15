using System.Text.Json;
using System.Text.Json.Serialization;

namespace LifeOS.LoadGen;

/// <summary>The figures of one run, printed as text for people or as one JSON object for scripts.</summary>
public sealed record RunSummary
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public required string Server { get; init; }
    public required int Devices { get; init; }
    public required int Seconds { get; init; }
    public required int Batch { get; init; }
    public required int Concurrency { get; init; }
    public required PayloadFormat Format { get; init; }
    public required int Seed { get; init; }
    public required string RunTag { get; init; }

    public required long EventsAcknowledged { get; init; }
    public required long EventsAccepted { get; init; }
    public required long Duplicates { get; init; }
    public required long Rejected { get; init; }
    public required long Requests { get; init; }
    public required long FailedRequests { get; init; }
    public required long Retries { get; init; }
    public required long AckAnomalies { get; init; }
    public required double SendSeconds { get; init; }
    public required double AckedEventsPerSecond { get; init; }
    public required double RequestMegabytesPerSecond { get; init; }
    public required double? LatencyP50Ms { get; init; }
    public required double? LatencyP95Ms { get; init; }
    public required double? LatencyP99Ms { get; init; }

    /// <summary>CPU time the generator used per second of sending: near 1 would mean it, not the server, set the pace.</summary>
    public required double GeneratorCores { get; init; }

    public required bool Persisted { get; init; }
    public required double? PersistSecondsAfterLastAck { get; init; }
    public required double? PersistedEventsPerSecond { get; init; }

    public required long? BaselineRows { get; init; }
    public required double? BaselineSeconds { get; init; }
    public required double? BaselineRowsPerSecond { get; init; }
    public required double? PersistedToBaselineRatio { get; init; }

    public bool Passed => Rejected == 0 && FailedRequests == 0 && Persisted;

    public void WriteJson(TextWriter output) => output.WriteLine(JsonSerializer.Serialize(this, JsonOptions));

    public void WriteText(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"LifeOS load run: {Devices} devices, {Seconds} s, batch {Batch}, concurrency {Concurrency}, "
            + $"{Format.ToString().ToLowerInvariant()}, seed {Seed}, run tag {RunTag}");
        output.WriteLine($"server                    {Server}");
        output.WriteLine($"events acknowledged       {EventsAcknowledged,14:N0}   (accepted {EventsAccepted:N0}, duplicates {Duplicates:N0})");
        output.WriteLine($"acked events/s            {AckedEventsPerSecond,14:N0}   ({SendSeconds:0.00} s first request to last ack, {RequestMegabytesPerSecond:0.0} MB/s of bodies)");
        output.WriteLine($"ack latency ms            {"p50 " + Ms(LatencyP50Ms),14}   p95 {Ms(LatencyP95Ms)}   p99 {Ms(LatencyP99Ms)}   ({Requests:N0} requests, {Retries:N0} retries)");
        output.WriteLine($"rejected                  {Rejected,14:N0}{(Rejected == 0 ? "" : "   FAIL")}");
        if (FailedRequests > 0)
            output.WriteLine($"failed requests           {FailedRequests,14:N0}   FAIL");
        if (AckAnomalies > 0)
            output.WriteLine($"ack anomalies             {AckAnomalies,14:N0}   (counts or ledger disagreed with the batch; see stderr)");
        output.WriteLine(Persisted
            ? $"time to persist           {PersistSecondsAfterLastAck,13:0.00}s   after the last ack (all consumer groups at lag 0)"
            : "time to persist                     -    FAIL: lag not 0 within 120 s");
        output.WriteLine($"persisted events/s        {(PersistedEventsPerSecond is { } p ? p.ToString("N0") : "-"),14}   (acknowledged events / first request to lag 0)");
        output.WriteLine($"generator                 {GeneratorCores,14:0.00}   cores busy while sending");
        if (BaselineRowsPerSecond is { } baseline)
        {
            output.WriteLine($"BASELINE sqlite rows/s    {baseline,14:N0}   ({BaselineRows:N0} rows in {BaselineSeconds:0.00} s; WAL, synchronous=FULL, 10,000 rows per transaction)");
            output.WriteLine($"persisted / baseline      {(PersistedToBaselineRatio is { } r ? r.ToString("0.000") : "-"),14}");
        }
        else
        {
            output.WriteLine("BASELINE                               -    skipped");
        }
    }

    private static string Ms(double? value) => value is { } v ? v.ToString("0.0") : "-";
}
