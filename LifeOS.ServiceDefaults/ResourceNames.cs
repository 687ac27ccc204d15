namespace LifeOS.ServiceDefaults;

/// <summary>Resource and connection names shared by the AppHost, the services and the tests.</summary>
/// <remarks>
/// Aspire turns a resource name into <c>ConnectionStrings__{name}</c> and <c>services__{name}__http__0</c>,
/// so a typo here would silently select the embedded backend; one spelling, in one place, prevents that.
/// </remarks>
public static class ResourceNames
{
    public const string Kafka = "kafka";
    public const string Timescale = "timescale";
    public const string Redis = "redis";
    public const string Qdrant = "qdrant";
    public const string Gateway = "gateway";
    public const string Ingestion = "ingestion";
    public const string Api = "api";
    public const string Server = "server";
    public const string Migrator = "migrator";
    public const string PersistenceWorker = "worker-persistence";
}
