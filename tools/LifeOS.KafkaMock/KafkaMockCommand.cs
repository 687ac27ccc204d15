using System.CommandLine;

namespace LifeOS.KafkaMock;

/// <summary>What one run needs, parsed from the command line.</summary>
public sealed record KafkaMockOptions(int Brokers, bool CreateCatalogueTopics);

/// <summary>The command line: options with their help text, defaults and checks.</summary>
public static class KafkaMockCommand
{
    public static RootCommand Create(Func<KafkaMockOptions, CancellationToken, Task<int>> run)
    {
        var brokers = new Option<int>("--brokers")
        {
            HelpName = "n",
            Description = "Brokers to start, each on its own loopback port (ids 1..n).",
            DefaultValueFactory = _ => 1,
        };
        brokers.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < 1 or > 16)
                result.AddError($"--brokers must be between 1 and 16, not {value}");
        });
        var noTopics = new Option<bool>("--no-topics")
        {
            Description = "Start with no topics. By default every catalogue topic and its dead-letter topic is created, "
                + "with the catalogue's partitions, because the mock cannot serve the hosts' own CreateTopics requests.",
        };

        var command = new RootCommand(
            "Runs librdkafka's mock Kafka cluster on 127.0.0.1 until Ctrl+C. The first line printed is the bootstrap "
            + "server list: give it to each host as ConnectionStrings__kafka. Data lives in memory and is gone at exit; "
            + "topic retention and cleanup policies are not applied.")
        {
            brokers,
            noTopics,
        };
        command.SetAction((parse, cancellationToken) =>
            run(new KafkaMockOptions(parse.GetValue(brokers), !parse.GetValue(noTopics)), cancellationToken));
        return command;
    }
}
