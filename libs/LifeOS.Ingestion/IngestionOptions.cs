namespace LifeOS.Ingestion;

/// <summary>Limits of the ingestion endpoints, under <c>LifeOS:Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    public const string Section = "LifeOS:Ingestion";

    public int MaxEventsPerRequest { get; set; } = 10_000;
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;
    public long MaxMediaBytes { get; set; } = 256 * 1024 * 1024;
    public int MaxWebSocketMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Consumer lag (events) above which acknowledgements wait for the pipeline to catch up; 0 turns it off.</summary>
    public long MaxPipelineLag { get; set; } = 200_000;

    /// <summary>How long a request waits for room before it is answered 503 with Retry-After.</summary>
    public TimeSpan MaxBackpressureWait { get; set; } = TimeSpan.FromSeconds(20);
}
