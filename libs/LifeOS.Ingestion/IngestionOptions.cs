namespace LifeOS.Ingestion;

/// <summary>Limits of the ingestion endpoints, under <c>LifeOS:Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    public const string Section = "LifeOS:Ingestion";

    public int MaxEventsPerRequest { get; set; } = 10_000;
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;
    public long MaxMediaBytes { get; set; } = 256 * 1024 * 1024;
    public int MaxWebSocketMessageBytes { get; set; } = 4 * 1024 * 1024;
}
