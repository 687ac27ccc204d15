// The audio worker: voice activity detection and speech to text, each in its own consumer group on Kafka. A web host
// only so that it answers /health and /alive like every other resource.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKafkaEventLog();
builder.AddAudioModules();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
