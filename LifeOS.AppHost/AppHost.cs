using Aspire.Hosting.ApplicationModel;
using LifeOS.ServiceDefaults;

// The whole LifeOS stack: backing services, the migrator, the two services, the workers, and Kong as the only door in.
// Declarative only: what runs, what it references, what it waits for. aspire-manifest.json describes the same model.
var builder = DistributedApplication.CreateBuilder(args);

// ---- Secrets and settings a deployer supplies (user secrets or Parameters__* when run locally) ----
var timescalePassword = builder.AddParameter(ResourceNames.TimescalePassword, new GenerateParameterDefault { MinLength = 22 }, secret: true, persist: true);
var redisPassword = builder.AddParameter(ResourceNames.RedisPassword, new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true, persist: true);
var qdrantKey = builder.AddParameter(ResourceNames.QdrantApiKey, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
var bootstrapToken = builder.AddParameter(ResourceNames.BootstrapToken, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
// Signs login access tokens; read as base64, so 64 letters and digits give a 48-byte HS256 key.
var jwtSigningKey = builder.AddParameter(ResourceNames.JwtSigningKey, new GenerateParameterDefault { MinLength = 64, Special = false }, secret: true, persist: true);
// Media bytes: a folder ingestion, the API and the knowledge worker mount (a ReadWriteMany volume under Kubernetes).
var blobsPath = builder.AddParameter(ResourceNames.BlobsPath, Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "data", "blobs")));
// LLM endpoints and keys, each one secret "Endpoint=...;Key=...;Model=..." string; empty means "no model configured".
var chat = builder.AddConnectionString(ResourceNames.Chat);
var embeddings = builder.AddConnectionString(ResourceNames.Embeddings);

// ---- Backing services ----
var kafka = builder.AddKafka(ResourceNames.Kafka)
    .WithKafkaUI()
    .WithDataVolume();

var timescale = builder.AddPostgres(ResourceNames.TimescaleServer, password: timescalePassword)
    .WithImage("timescale/timescaledb", "2.17.2-pg17")
    .WithDataVolume()
    .AddDatabase(ResourceNames.Timescale, databaseName: "lifeos");

var redis = builder.AddRedis(ResourceNames.Redis, password: redisPassword);

var qdrant = builder.AddQdrant(ResourceNames.Qdrant, apiKey: qdrantKey)
    .WithDataVolume();

// ---- The schema, then the services and workers ----
var migrator = builder.AddProject<Projects.LifeOS_Migrator>(ResourceNames.Migrator, launchProfileName: null)
    .WithReference(timescale).WaitFor(timescale);

// Every LifeOS host: Kafka, the schema in place, /health for readiness. Ingestion and the API keep fixed ports because
// Kong's declarative config names them (deploy/kong/kong.yaml).
IResourceBuilder<ProjectResource> LifeOSHost<TProject>(string name, int? port = null) where TProject : IProjectMetadata, new() =>
    builder.AddProject<TProject>(name, launchProfileName: null)
        .WithHttpEndpoint(port: port, targetPort: port, isProxied: port is null)
        .WithHttpHealthCheck("/health")
        .WithReference(kafka).WaitFor(kafka)
        .WaitForCompletion(migrator);

var ingestion = LifeOSHost<Projects.LifeOS_Ingestion>(ResourceNames.Ingestion, 5081)
    .WithReference(timescale).WaitFor(timescale)
    .WithReference(redis).WaitFor(redis)
    .WithEnvironment("LifeOS__Blobs__Path", blobsPath)
    .WithEnvironment("LifeOS__Auth__Jwt__SigningKey", jwtSigningKey);

var api = LifeOSHost<Projects.LifeOS_Api>(ResourceNames.Api, 5082)
    .WithReference(timescale).WaitFor(timescale)
    .WithEnvironment("LifeOS__Blobs__Path", blobsPath)
    .WithEnvironment("LifeOS__Auth__BootstrapToken", bootstrapToken)
    .WithEnvironment("LifeOS__Auth__Jwt__SigningKey", jwtSigningKey);

LifeOSHost<Projects.LifeOS_Workers_Persistence>(ResourceNames.PersistenceWorker)
    .WithReference(timescale).WaitFor(timescale);

LifeOSHost<Projects.LifeOS_Workers_Audio>(ResourceNames.AudioWorker);

LifeOSHost<Projects.LifeOS_Workers_Vision>(ResourceNames.VisionWorker)
    .WithReference(chat);

LifeOSHost<Projects.LifeOS_Workers_Knowledge>(ResourceNames.KnowledgeWorker)
    .WithReference(qdrant).WaitFor(qdrant)
    .WithReference(embeddings)
    .WithEnvironment("LifeOS__Blobs__Path", blobsPath);

LifeOSHost<Projects.LifeOS_Workers_Journal>(ResourceNames.JournalWorker)
    .WithReference(timescale).WaitFor(timescale)
    .WithReference(chat);

// ---- Kong: DB-less, declarative config mounted read-only, the only external endpoint ----
builder.AddContainer(ResourceNames.Gateway, "kong", "3.9")
    .WithBindMount("../deploy/kong", "/kong/declarative", isReadOnly: true)
    .WithEnvironment("KONG_DATABASE", "off")
    .WithEnvironment("KONG_DECLARATIVE_CONFIG", "/kong/declarative/kong.yaml")
    .WithEnvironment("KONG_PROXY_LISTEN", "0.0.0.0:8000")
    .WithEnvironment("KONG_STATUS_LISTEN", "0.0.0.0:8100")
    .WithEnvironment("KONG_ADMIN_LISTEN", "off")
    .WithHttpEndpoint(targetPort: 8000, name: "proxy")
    .WithHttpEndpoint(targetPort: 8100, name: "status")
    .WithEndpoint("proxy", endpoint => endpoint.IsExternal = true)
    .WithHttpHealthCheck("/status/ready", endpointName: "status")
    // Locally the services run on the host, not in the container network: let Kong resolve their names to it.
    .WithContainerRuntimeArgs("--add-host=ingestion:host-gateway", "--add-host=api:host-gateway")
    .WaitFor(ingestion)
    .WaitFor(api);

builder.Build().Run();
