using LifeOS.Server;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEmbeddedBackends();
builder.AddEmbeddedIdentityStores();
builder.AddLifeOSIdentity();
builder.AddIngestion();
builder.AddPersistenceWorker();
builder.AddJournalAndKnowledge();
builder.AddApiConventions();

var app = builder.Build();

app.UseApiPipeline();
app.MapServerApi();
app.MapAccountApi();
app.MapDefaultEndpoints();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
