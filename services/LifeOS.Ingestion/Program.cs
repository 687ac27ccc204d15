// The ingestion service: REST, NDJSON, WebSocket and media intake into Kafka. It acknowledges an event once Kafka
// holds it (acks=all) and the capture ledger in PostgreSQL records it; Redis keeps replicas from racing per device.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKafkaEventLog();
builder.AddPostgresBackends();
builder.AddRedisState();
builder.AddSharedBlobStore();
builder.AddLifeOSIdentity(ensureOwner: false);
builder.AddIngestion();
builder.Services.AddPersistenceGroupInfo();
builder.AddApiConventions();

var app = builder.Build();

app.UseApiPipeline();
app.MapOpenApi().AllowAnonymous();
app.MapIngestionApi();
app.MapDefaultEndpoints();

app.Run();
