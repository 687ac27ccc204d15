using LifeOS.Deployment.Tests.Manifest;
using LifeOS.Eventing;
using LifeOS.Eventing.Kafka;
using LifeOS.ServiceDefaults;
using LifeOS.Testing.Servers;

namespace LifeOS.Deployment.Tests.Stack;

/// <summary>
/// Every project of aspire-manifest.json as its own process, started with exactly the environment the manifest gives it,
/// its placeholders resolved to this machine's servers: librdkafka's mock cluster for <c>kafka</c>, a private PostgreSQL
/// database for <c>timescale</c>, a private Redis for <c>redis</c>. A connection string removed from the manifest is
/// therefore missing here too, and the host refuses to start.
/// </summary>
/// <remarks>
/// Added on top of the manifest's environment, as the dashboard or a cluster would: the OTLP endpoint (an in-process
/// receiver), the service name, and the listening URL (<see cref="HostProcess"/> passes <c>--urls</c>). Parameters get
/// test values: the bootstrap token, a temp folder for blobs, empty LLM connection strings (no model configured).
/// No Qdrant server can run here: unless <c>ConnectionStrings__qdrant</c> names one, the variables that refer to Qdrant
/// are left out and <see cref="Notes"/> says so (the knowledge worker's placeholder does not read them yet; the manifest
/// test checks that whatever a project does read is provided).
/// </remarks>
public sealed class DeployedStack : IAsyncLifetime
{
    public const string Token = "deployment-test-bootstrap-token-2026";

    // A fixed test key: 48 bytes, base64, as the AppHost's generated parameter provides.
    private static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 48).Select(i => (byte)i).ToArray());
    private const string ExternalQdrantVariable = "ConnectionStrings__qdrant";

    private readonly TempDirectory _blobs = new();
    private readonly Dictionary<string, HostProcess> _hosts = new(StringComparer.Ordinal);
    private readonly string? _externalQdrant = System.Environment.GetEnvironmentVariable(ExternalQdrantVariable);

    public AspireManifest Manifest { get; } = AspireManifest.Load();

    public KafkaMockCluster Kafka { get; private set; } = null!;

    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public OtlpReceiver Otlp { get; private set; } = null!;

    public string Database { get; private set; } = "";

    public int MigratorExitCode { get; private set; } = -1;

    /// <summary>The running web projects, by resource name.</summary>
    public IReadOnlyDictionary<string, HostProcess> Hosts => _hosts;

    public List<string> Notes { get; } = [];

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Kafka = new KafkaMockCluster(brokers: 1);
        // The mock broker cannot serve CreateTopics; the catalogue's topics exist before any host starts, so each host's
        // provisioning finds them all, as it would on a cluster where another host provisioned first.
        Kafka.CreateTopics(TopicProvisioner.Specs());
        Postgres = await PostgresServer.StartNewAsync();
        Redis = await RedisServer.StartNewAsync();
        Database = await Postgres.CreateDatabaseAsync("lifeos_deploy");
        Otlp = await OtlpReceiver.StartAsync(cancellationToken);

        var migrator = Manifest.Resources[ResourceNames.Migrator];
        await using (var process = Create(migrator, Environment(migrator)))
            MigratorExitCode = await process.RunToExitAsync(TimeSpan.FromSeconds(90), cancellationToken);
        if (MigratorExitCode != 0)
            return;

        foreach (var project in Manifest.Projects.Where(p => p.Bindings.ContainsKey("http")))
            _hosts[project.Name] = Create(project, Environment(project));

        // The API first: it ensures the owner account the other services authenticate against.
        await _hosts[ResourceNames.Api].StartAsync(cancellationToken);
        await Task.WhenAll(_hosts.Where(h => h.Key != ResourceNames.Api).Select(h => h.Value.StartAsync(cancellationToken)));
    }

    /// <summary>The environment the manifest gives <paramref name="project"/>, resolved against this machine, plus telemetry.</summary>
    public Dictionary<string, string> Environment(ManifestResource project)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in project.Env)
        {
            if (_externalQdrant is null && ManifestExpressions.References(value).Any(r => r.Resource is ResourceNames.Qdrant or ResourceNames.QdrantApiKey))
            {
                Notes.Add($"{project.Name}: {key} left out, no Qdrant server here (set {ExternalQdrantVariable} to use one)");
                continue;
            }

            environment[key] = ManifestExpressions.Resolve(value, (resource, property) => Resolve(project, resource, property));
        }

        // Variables the test process itself may carry must not leak into a host as if the manifest had given them.
        foreach (var inherited in System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.StartsWith("services__", StringComparison.Ordinal)))
            environment.TryAdd(inherited, "");

        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = Otlp.Endpoint;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        environment["OTEL_SERVICE_NAME"] = project.Name;
        // Export spans within a fraction of a second, so the trace test does not wait on the default 5 s batches.
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        return environment;
    }

    /// <summary>A host for <paramref name="project"/> with <paramref name="environment"/> (not started).</summary>
    public static HostProcess Create(ManifestResource project, IReadOnlyDictionary<string, string> environment) =>
        HostProcess.Create(Path.GetDirectoryName(project.Path!)!.Replace('\\', '/'), environment);

    public string LogTails() => string.Join('\n', _hosts.Values.Select(h => h.LogTail(30)));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values)
            await host.DisposeAsync();
        if (Otlp is not null)
            await Otlp.DisposeAsync();
        if (Redis is not null)
            await Redis.DisposeAsync();
        if (Postgres is not null)
            await Postgres.DisposeAsync();
        Kafka?.Dispose();
        _blobs.Dispose();
    }

    private string? Resolve(ManifestResource project, string resource, string property) => (resource, property) switch
    {
        (ResourceNames.Kafka, "connectionString") => Kafka.BootstrapServers,
        (ResourceNames.Timescale, "connectionString") => Database,
        (ResourceNames.Redis, "connectionString") => Redis.ConnectionString,
        (ResourceNames.Qdrant, "connectionString") => _externalQdrant,
        (ResourceNames.Qdrant, "bindings.http.url") => ExternalQdrantPart("Endpoint"),
        (ResourceNames.QdrantApiKey, "value") => ExternalQdrantPart("Key"),
        // Empty: "no model configured", what a deployment without an LLM supplies.
        (ResourceNames.Chat or ResourceNames.Embeddings, "connectionString") => "",
        (ResourceNames.BootstrapToken, "value") => Token,
        (ResourceNames.JwtSigningKey, "value") => SigningKey,
        (ResourceNames.BlobsPath, "value") => _blobs.Path,
        // Overridden by --urls; resolved as a cluster would, so the variable is there as the manifest says.
        _ when resource == project.Name && property == "bindings.http.targetPort" =>
            (project.Bindings["http"].TargetPort ?? 8080).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private string? ExternalQdrantPart(string key) =>
        _externalQdrant?.Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals(key, StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim()).FirstOrDefault() ?? "";
}
