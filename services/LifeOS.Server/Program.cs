using LifeOS.Server;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEmbeddedBackends();
builder.AddLifeOSIdentity();
builder.AddIngestion();
builder.AddPersistenceWorker();
builder.AddServerApi();

var app = builder.Build();

app.UseServerPipeline();
app.MapServerApi();
app.MapDefaultEndpoints();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
