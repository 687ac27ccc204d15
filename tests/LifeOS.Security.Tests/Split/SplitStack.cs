using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using LifeOS.Eventing;
using LifeOS.Eventing.Kafka;
using LifeOS.Testing.Processes;
using LifeOS.Testing.Servers;

namespace LifeOS.Security.Tests.Split;

/// <summary>
/// The split deployment as separate processes: the query API, two ingestion replicas and the persistence worker over a
/// Kafka-protocol broker (librdkafka's mock cluster), private PostgreSQL and Redis, with one configured JWT signing key.
/// </summary>
public sealed class SplitStack : IAsyncLifetime
{
    public const string OwnerToken = "split-security-bootstrap-token";
    public const int RequestsPerMinute = 400;

    private readonly TempDirectory _blobs = new();

    public KafkaMockCluster Kafka { get; private set; } = null!;

    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public string Database { get; private set; } = "";

    public byte[] SigningKey { get; } = RandomNumberGenerator.GetBytes(64);

    public string BlobsPath => _blobs.Path;

    internal HostProcess Api { get; private set; } = null!;

    internal HostProcess[] Ingestion { get; private set; } = [];

    internal HostProcess Persistence { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Kafka = new KafkaMockCluster(brokers: 1);
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
            ["LifeOS__Auth__BootstrapToken"] = OwnerToken,
            ["LifeOS__Auth__Jwt__SigningKey"] = Convert.ToBase64String(SigningKey),
            ["LifeOS__Blobs__Path"] = _blobs.Path,
            ["LifeOS__Limits__RequestsPerWindow"] = RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LifeOS__Limits__Window"] = "00:01:00",
            ["LifeOS__Limits__AuthRequestsPerWindow"] = "1000",
        };

        await using (var migrator = HostProcess.Create("services/LifeOS.Migrator", environment))
        {
            var code = await migrator.RunToExitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            Assert.True(code == 0, $"the migrator exited with {code}\n{migrator.LogTail()}");
        }

        // The API first: it creates the owner account the other services authenticate against.
        Api = HostProcess.Create("services/LifeOS.Api", environment);
        await Api.StartAsync(cancellationToken);
        Ingestion = [HostProcess.Create("services/LifeOS.Ingestion", environment), HostProcess.Create("services/LifeOS.Ingestion", environment)];
        Persistence = HostProcess.Create("workers/LifeOS.Workers.Persistence", environment);
        await Task.WhenAll(Ingestion.Select(i => i.StartAsync(cancellationToken)).Append(Persistence.StartAsync(cancellationToken)));
    }

    public static HttpClient Client(Uri baseAddress, string? token)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient ApiClient(string? token) => Client(Api.BaseAddress, token);

    public HttpClient IngestClient(int replica, string? token) => Client(Ingestion[replica].BaseAddress, token);

    /// <summary>Registers and logs in on the API.</summary>
    public async Task<User> SignUpAsync(string login)
    {
        using var anonymous = ApiClient(null);
        using var registered = await anonymous.PostAsJsonAsync("/v1/auth/register", new { login, password = SecureServer.Password });
        Assert.True(registered.StatusCode == System.Net.HttpStatusCode.Created, $"register: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync()}\n{LogTails()}");
        var id = (await registered.Content.ReadFromJsonAsync<JsonObject>())!["userId"]!.GetValue<string>();
        using var login_ = await anonymous.PostAsJsonAsync("/v1/auth/login", new { login, password = SecureServer.Password });
        var tokens = (await login_.Content.ReadFromJsonAsync<JsonObject>())!;
        return new User(id, login, tokens["accessToken"]!.GetValue<string>(), tokens["refreshToken"]!.GetValue<string>());
    }

    /// <summary>Waits until the persistence worker has stored everything acknowledged.</summary>
    public async Task WaitForPersistenceAsync()
    {
        using var client = ApiClient(OwnerToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var groups = (await client.GetFromJsonAsync<JsonObject>("/v1/pipeline"))!["groups"]!.AsArray();
            if (groups.All(g => g!["lag"]!.GetValue<long>() == 0))
                return;
            await Task.Delay(50);
        }

        Assert.Fail("the pipeline did not catch up in time\n" + LogTails());
    }

    public string LogTails() => string.Join('\n', Ingestion.Select(i => i.LogTail(30)).Append(Persistence.LogTail(30)).Append(Api.LogTail(40)));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Ingestion.Append(Persistence).Append(Api))
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

/// <summary>The split-services tests start whole deployments: they run one at a time, after the in-process tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SplitCollection
{
    public const string Name = "split services";
}
