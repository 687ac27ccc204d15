using LifeOS.Eventing;
using LifeOS.Eventing.Kafka;

namespace LifeOS.KafkaMock;

/// <summary>Starts the mock cluster, creates the catalogue's topics, prints where it listens, and waits for Ctrl+C.</summary>
public static class MockBroker
{
    public static async Task<int> RunAsync(KafkaMockOptions options, CancellationToken cancellationToken)
    {
        using var cluster = new KafkaMockCluster(options.Brokers);
        var topics = options.CreateCatalogueTopics ? TopicProvisioner.Specs().ToList() : [];
        cluster.CreateTopics(topics);

        // The first line alone, so a script can read it: bootstrap=$(dotnet LifeOS.KafkaMock.dll | head -n 1).
        Console.WriteLine(cluster.BootstrapServers);
        Console.WriteLine($"# {options.Brokers} broker(s), {topics.Count} topics. Set ConnectionStrings__kafka={cluster.BootstrapServers}; Ctrl+C stops.");
        Console.Out.Flush();

        try
        {
            // System.CommandLine cancels this token on Ctrl+C and SIGTERM.
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        Console.WriteLine("# stopped");
        return 0;
    }
}
