using LifeOS.Eventing;
using LifeOS.Eventing.Kafka;
using LifeOS.Testing.Servers;

namespace LifeOS.Distributed.Tests;

/// <summary>
/// The split deployment on one machine: a Kafka-protocol broker (librdkafka's mock cluster), private PostgreSQL and
/// Redis servers, the migrator run to completion, then Ingestion, the persistence worker and the query API as three
/// separate processes wired only by Aspire-style connection strings.
/// </summary>
public sealed class DistributedStack : IAsyncLifetime
{
    public const string Token = "distributed-test-bootstrap-token";

    private readonly TempDirectory _blobs = new();

    public KafkaMockCluster Kafka { get; private set; } = null!;

    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    /// <summary>The connection string of this stack's database.</summary>
    public string Database { get; private set; } = "";

    internal HostProcess Ingestion { get; private set; } = null!;

    internal HostProcess Persistence { get; private set; } = null!;

    internal HostProcess Api { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Kafka = new KafkaMockCluster(brokers: 3);
        // The mock cluster cannot serve CreateTopics; a real cluster's topics come from the services' own provisioning.
        Kafka.CreateTopics(TopicProvisioner.Specs());
        Postgres = await PostgresServer.StartNewAsync(cancellationToken);
        Redis = await RedisServer.StartNewAsync();
        Database = await Postgres.CreateDatabaseAsync(cancellationToken);

        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__kafka"] = Kafka.BootstrapServers,
            ["ConnectionStrings__timescale"] = Database,
            ["ConnectionStrings__redis"] = Redis.ConnectionString,
            ["LifeOS__Auth__BootstrapToken"] = Token,
            ["LifeOS__Blobs__Path"] = _blobs.Path,
            // A killed consumer holds its partitions until its session times out; keep that short so restarts resume fast.
            ["LifeOS__Kafka__SessionTimeout"] = "00:00:06",
            ["LifeOS__Kafka__HeartbeatInterval"] = "00:00:01",
        };

        await using (var migrator = HostProcess.Create("services/LifeOS.Migrator", environment))
        {
            var code = await migrator.RunToExitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            Assert.True(code == 0, $"the migrator exited with {code}\n{migrator.LogTail()}");
        }

        // The API first: it creates the owner account the other services authenticate against.
        Api = HostProcess.Create("services/LifeOS.Api", environment);
        Ingestion = HostProcess.Create("services/LifeOS.Ingestion", environment);
        Persistence = HostProcess.Create("workers/LifeOS.Workers.Persistence", environment);
        await Api.StartAsync(cancellationToken);
        await Task.WhenAll(Ingestion.StartAsync(cancellationToken), Persistence.StartAsync(cancellationToken));
    }

    /// <summary>Reads through the query API, ingests through the ingestion service.</summary>
    public (HttpClient Ingest, HttpClient Read) CreateClients() =>
        (ServerApi.CreateHttpClient(Ingestion.BaseAddress, Token), ServerApi.CreateHttpClient(Api.BaseAddress, Token));

    /// <summary>The last lines of every process, for failure messages.</summary>
    public string LogTails() => string.Join('\n', Ingestion.LogTail(40), Persistence.LogTail(200), Api.LogTail(40));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in new[] { Ingestion, Persistence, Api })
        {
            if (host is not null)
                await host.DisposeAsync();
        }

        if (Redis is not null)
            await Redis.DisposeAsync();
        if (Postgres is not null)
            await Postgres.DisposeAsync();
        Kafka?.Dispose();
        _blobs.Dispose();
    }
}
