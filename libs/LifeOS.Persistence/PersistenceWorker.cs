using System.Text.Json;
using LifeOS.Contracts;
using LifeOS.Eventing;
using LifeOS.Storage;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Persistence;

/// <summary>Consumes every raw topic and writes the store; replays are harmless because the store ignores events it already has.</summary>
public sealed class PersistenceWorker(EventProcessor processor, ILifeStore store) : BackgroundService
{
    public const string Group = "persistence";

    public static IReadOnlyCollection<string> Topics { get; } = [.. TopicCatalogue.Raw.Select(t => t.Name)];

    public static ProcessorOptions Options { get; } = new()
    {
        MaxBatch = 2000,
        // A busy or restarting database is the world's fault, not the message's: wait it out rather than dead-letter.
        IsTransient = TransientFailures.IsTransient,
    };

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        processor.RunAsync(Group, Topics, WriteBatchAsync, Options, stoppingToken);

    private async Task WriteBatchAsync(IReadOnlyList<LogMessage> batch, CancellationToken cancellationToken)
    {
        // A message that does not decode throws here; the processor then isolates it and dead-letters it alone.
        var events = new LifeEvent[batch.Count];
        var documents = new List<JsonDocument>(batch.Count);
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                events[i] = CloudEventCodec.Decode(batch[i], out var document);
                documents.Add(document);
            }

            await store.WriteAsync(events, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The events' data points into these documents (no copies); they live exactly as long as the write.
            foreach (var document in documents)
                document.Dispose();
        }
    }
}
