// The vision worker: camera photos and screenshots (caption, objects, gaze) and screen keyframes (detections, motion),
// each in its own consumer group on Kafka. A web host only so that it answers /health and /alive.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKafkaEventLog();
builder.AddVisionModules();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
