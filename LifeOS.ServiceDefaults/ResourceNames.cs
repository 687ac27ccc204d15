namespace LifeOS.ServiceDefaults;

/// <summary>Resource and connection names shared by the AppHost, the services and the tests.</summary>
/// <remarks>
/// Aspire turns a resource name into <c>ConnectionStrings__{name}</c> and <c>services__{name}__http__0</c>,
/// so a typo here would silently select the embedded backend; one spelling, in one place, prevents that.
/// </remarks>
public static class ResourceNames
{
    public const string Kafka = "kafka";

    /// <summary>The database the services use (<c>ConnectionStrings__timescale</c>).</summary>
    public const string Timescale = "timescale";

    /// <summary>The PostgreSQL server (TimescaleDB image) that holds <see cref="Timescale"/>.</summary>
    public const string TimescaleServer = "timescale-server";

    public const string Redis = "redis";
    public const string Qdrant = "qdrant";
    public const string Gateway = "gateway";
    public const string Ingestion = "ingestion";
    public const string Api = "api";
    public const string Server = "server";
    public const string Migrator = "migrator";
    public const string PersistenceWorker = "worker-persistence";
    public const string AudioWorker = "worker-audio";
    public const string VisionWorker = "worker-vision";
    public const string KnowledgeWorker = "worker-knowledge";
    public const string JournalWorker = "worker-journal";

    /// <summary>The OpenAI-compatible chat model (<c>Endpoint=...;Key=...;Model=...</c>), a secret parameter.</summary>
    public const string Chat = "chat";

    /// <summary>The OpenAI-compatible embedding model, a secret parameter.</summary>
    public const string Embeddings = "embeddings";

    /// <summary>The folder of media bytes every ingestion and API replica mounts (<c>LifeOS__Blobs__Path</c>).</summary>
    public const string BlobsPath = "blobs-path";

    /// <summary>The owner token the API ensures at first start (automation; a secret parameter).</summary>
    public const string BootstrapToken = "bootstrap-token";
    public const string JwtSigningKey = "jwt-signing-key";

    // Secret parameters of the backing containers, declared explicitly so the manifest holds no implicit resources.
    public const string TimescalePassword = "timescale-password";
    public const string RedisPassword = "redis-password";
    public const string QdrantApiKey = "qdrant-key";
}
