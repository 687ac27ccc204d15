using System.Globalization;
using LifeOS.Eventing;
using LifeOS.Eventing.Embedded;
using LifeOS.Knowledge;
using LifeOS.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// lifeos-rederive: re-parse journal entries and re-embed knowledge items that an older extractor or model produced.
const string Usage = """
    Usage: lifeos-rederive [--data-dir DIR] [--dry-run]

    Replays journal.entry.raw, knowledge.item.ingest and task.url.ingest from the start of the embedded event log in
    DIR (default: data) through the current journal extractor and embedding model. Entries parsed by another extractor
    and items embedded by another model (or skipped, now that a model is configured) are re-derived: their facts,
    samples, chunks and vectors are replaced. Everything else is left alone. Stop the server first: the embedded
    vector index takes one writer.

    Models come from the same settings the server reads, e.g. the environment variables
    ConnectionStrings__embeddings and ConnectionStrings__chat ("Endpoint=...;Model=...").

      --data-dir DIR   the server's data folder (LifeOS:DataDir)
      --dry-run        report what would be re-derived, change nothing
      --help           this text
    """;

string? dataDir = null;
var dryRun = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--help" or "-h":
            Console.WriteLine(Usage);
            return 0;
        case "--dry-run":
            dryRun = true;
            break;
        case "--data-dir" when i + 1 < args.Length:
            dataDir = args[++i];
            break;
        default:
            Console.Error.WriteLine($"lifeos-rederive: unknown or incomplete argument '{args[i]}'\n\n{Usage}");
            return 2;
    }
}

dataDir = Path.GetFullPath(dataDir ?? "data");
if (!File.Exists(Path.Combine(dataDir, "log.db")))
{
    Console.Error.WriteLine($"lifeos-rederive: {dataDir} holds no event log (log.db); pass the server's data folder with --data-dir");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [DataDirectory.Key] = dataDir });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<IEventLog>(_ => new SqliteEventLog(Path.Combine(dataDir, "log.db")));
builder.Services.AddSingleton<IBlobStore>(_ => new FileBlobStore(Path.Combine(dataDir, "blobs")));
// Re-parsed journal samples also replace the ones metrics read in the store.
builder.Services.AddSingleton<ILifeStore>(_ => new LifeOS.Storage.Sqlite.SqliteLifeStore(Path.Combine(dataDir, "store.db")));
builder.AddRederivation();
using var host = builder.Build();

var rederivation = host.Services.GetRequiredService<Rederivation>();
var embeddings = host.Services.GetRequiredService<LifeOS.Search.ChunkVectors>();
Console.WriteLine($"data: {dataDir}");
Console.WriteLine($"journal extractor: {host.Services.GetRequiredService<LifeOS.Journal.JournalParser>().Model}");
Console.WriteLine($"embedding model: {(embeddings.Model.IsConfigured ? embeddings.ModelName : "none (" + embeddings.Model.Description + ")")}");
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var report = await rederivation.RunAsync(dryRun, p =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{p.Seen}/{p.Total}] {p.Topic} {p.EventId}: {p.Outcome}")), cancel.Token);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{(dryRun ? "dry run: " : "")}{report.Seen} events read, {report.Rederived} {(dryRun ? "to re-derive" : "re-derived")}, {report.Current} current, {report.Failed} failed"));
await host.Services.GetRequiredService<IEventLog>().DisposeAsync();
return report.Failed > 0 ? 1 : 0;
