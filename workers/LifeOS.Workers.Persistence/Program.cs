// The persistence worker: every raw topic from Kafka into PostgreSQL/TimescaleDB, idempotently. It is a web host
// only so that it answers /health and /alive like every other resource.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKafkaEventLog();
builder.AddPostgresBackends();
builder.AddPersistenceWorker();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
