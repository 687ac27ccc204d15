using LifeOS.Contracts;
using LifeOS.Identity;
using LifeOS.Journal;
using LifeOS.Query;

// The query API: timeline, metrics, capture ledger, media and pipeline lag over PostgreSQL/TimescaleDB, plus devices,
// accounts, tokens, shares, audit and deletion. It owns the owner account's bootstrap, so exactly one service mints a first-start token.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKafkaEventLog();
builder.AddPostgresBackends();
builder.AddSharedBlobStore();
builder.AddLifeOSIdentity();
builder.Services.AddPersistenceGroupInfo();
// Journal samples (written by the journal worker) are served by /v1/metrics too.
builder.Services.AddSingleton<IDerivedSampleTypes, JournalSampleTypes>();
builder.AddApiConventions();

var app = builder.Build();

app.UseApiPipeline();
app.MapOpenApi().AllowAnonymous();
app.MapQueryApi();
app.MapDevicesApi();
app.MapAccountApi();
app.MapDefaultEndpoints();

app.Run();
