// The journal and context worker: journal entries parsed into facts, context inferred from sampled raw audio and
// images, each in its own consumer group on Kafka. A web host only so that it answers /health and /alive.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKafkaEventLog();
// Numeric journal facts become samples in the shared store, so the API's /v1/metrics sees them.
builder.AddPostgresBackends();
builder.AddJournalModules();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
