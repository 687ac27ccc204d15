// The knowledge and URL worker: knowledge items chunked and embedded into the vector index, submitted URLs archived,
// each in its own consumer group on Kafka. A web host only so that it answers /health and /alive.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKafkaEventLog();
builder.AddKnowledgeWorker();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
