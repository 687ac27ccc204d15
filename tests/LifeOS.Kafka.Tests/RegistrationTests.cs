using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Kafka.Tests;

/// <summary>The connection string and DI registration: Kafka when <c>ConnectionStrings:kafka</c> is set, nothing otherwise.</summary>
public sealed class RegistrationTests
{
    [Theory]
    [InlineData("localhost:9092", "localhost:9092")]
    [InlineData(" kafka-0:9092 , kafka-1:9093 ", "kafka-0:9092,kafka-1:9093")]
    [InlineData("[::1]:9092", "[::1]:9092")]
    public void A_bootstrap_server_list_is_a_connection_string(string connectionString, string servers) =>
        Assert.Equal(servers, KafkaEventLogOptions.ParseConnectionString(connectionString));

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("localhost:kafka")]
    [InlineData("localhost:70000")]
    [InlineData(":9092")]
    [InlineData("a:1,b")]
    public void Anything_else_is_refused_naming_the_bad_entry(string connectionString)
    {
        var error = Assert.Throws<FormatException>(() => KafkaEventLogOptions.ParseConnectionString(connectionString));
        Assert.Contains("Kafka connection string", error.Message);
    }

    [Fact]
    public async Task The_connection_string_selects_the_Kafka_log()
    {
        using var cluster = new KafkaMockCluster();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:kafka"] = cluster.BootstrapServers });

        Assert.True(builder.TryAddKafkaEventLog(options => options.TopicCreator = cluster));

        await using var services = builder.Services.BuildServiceProvider();
        var log = Assert.IsType<KafkaEventLog>(services.GetRequiredService<IEventLog>());
        Assert.Equal(cluster.BootstrapServers, log.Options.BootstrapServers);
        await log.EnsureTopicsAsync([new TopicSpec("test.registration", 2, TimeSpan.FromDays(1))], TestContext.Current.CancellationToken);
        Assert.Equal(0, await log.GetLagAsync("g", ["test.registration"], TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Without_a_connection_string_nothing_is_registered()
    {
        var builder = Host.CreateApplicationBuilder();

        Assert.False(builder.TryAddKafkaEventLog());
        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(IEventLog));
    }

    [Fact]
    public void A_malformed_connection_string_fails_at_registration()
    {
        var services = new ServiceCollection();
        Assert.Throws<FormatException>(() => services.AddKafkaEventLog("kafka"));
        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddKafkaEventLog("kafka:9092", o => o.DefaultPartitions = 0));
    }
}
