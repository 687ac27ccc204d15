using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using LifeOS.Contracts;
using LifeOS.Contracts.Payloads;
using LifeOS.Deployment.Tests.Kong;
using LifeOS.Deployment.Tests.Stack;
using LifeOS.Eventing;
using LifeOS.Eventing.Kafka;
using LifeOS.Pipeline;
using LifeOS.ServiceDefaults;
using LifeOS.Testing.Agents;

namespace LifeOS.Deployment.Tests;

/// <summary>The manifest's projects running against local servers: health, Kong's routes against their real operations,
/// one event traced from ingestion through Kafka to the database, and a step without its model recording "skipped".</summary>
public sealed class DeployedStackTests(DeployedStack stack, ITestOutputHelper output) : IClassFixture<DeployedStack>
{
    [Fact(Timeout = 180_000)]
    public async Task Every_project_starts_from_its_manifest_environment_and_answers_health()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(stack.MigratorExitCode == 0, $"the migrator exited with {stack.MigratorExitCode}");
        var webProjects = stack.Manifest.Projects.Where(p => p.Bindings.ContainsKey("http")).Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(webProjects, stack.Hosts.Keys.Order(StringComparer.Ordinal));

        using var http = new HttpClient();
        foreach (var (name, host) in stack.Hosts)
        {
            using var health = await http.GetAsync(new Uri(host.BaseAddress, "health"), ct);
            Assert.True(health.StatusCode == HttpStatusCode.OK, $"{name} answered /health with {(int)health.StatusCode}\n{host.LogTail()}");
        }

        stack.Notes.ForEach(output.WriteLine);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_host_whose_manifest_environment_lacks_a_connection_string_it_needs_does_not_start()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var (project, key) in new[] { ("ingestion", "ConnectionStrings__redis"), ("worker-audio", "ConnectionStrings__kafka") })
        {
            var resource = stack.Manifest.Resources[project];
            var environment = stack.Environment(resource);
            Assert.True(environment.Remove(key), $"{project} has no {key} in the manifest");
            await using var host = DeployedStack.Create(resource, environment);

            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(ct));

            Assert.Contains(key, failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task Kong_routes_every_public_operation_of_the_services_to_its_service_and_nothing_else()
    {
        var operations = new List<ServiceOperation>();
        foreach (var service in new[] { ResourceNames.Ingestion, ResourceNames.Api })
            operations.AddRange(await OperationsAsync(service));
        var kong = KongConfig.Load();

        var problems = KongChecks.RoutesMatchOperations(kong, operations);
        Assert.True(problems.Count == 0, string.Join('\n', [$"{problems.Count} routing problems in {KongConfig.RelativePath}:", .. problems]));
        // The services' own documents were read, so "no problem" covers real routes: ingestion's three and the API's.
        Assert.Contains(operations, o => o is { Service: "ingestion", Method: "POST", PathTemplate: "/v1/ingest" });
        Assert.Contains(operations, o => o is { Service: "ingestion", Method: "GET", PathTemplate: "/v1/stream" });
        Assert.Contains(operations, o => o is { Service: "api", Method: "GET", PathTemplate: "/v1/timeline" });

        // A route taken out of the file leaves its operation unrouted, and the check says which.
        kong.Services.Single(s => s.Name == "api").Routes.RemoveAll(r => r.Name == "query-ledger");
        Assert.Contains(KongChecks.RoutesMatchOperations(kong, operations), p => p.StartsWith("GET /v1/devices/{device}/ledger (api) is not routed", StringComparison.Ordinal));
    }

    [Fact(Timeout = 180_000)]
    public async Task One_event_is_traced_from_ingestion_through_Kafka_and_the_persistence_worker_into_the_database()
    {
        var ct = TestContext.Current.CancellationToken;
        var traceId = ActivityTraceId.CreateRandom();
        var batch = TestEvents.ToJson([new SentEvent(TestEvents.HeartRate, "trace-watch", 1, TestEvents.Epoch, "{\"value\":64}")]);
        await IngestAsync(batch, traceId, ct);

        // The chain: ingestion's request span → (traceparent in the Kafka headers) → the worker's consumer span → Npgsql's spans under it.
        var trace = traceId.ToHexString();
        bool IsWorkerSpan(ExportedSpan s) => s.Service == ResourceNames.PersistenceWorker && s.Scope == EventProcessor.ActivitySourceName
            && (s.TraceId == trace || s.Links.Any(l => l.TraceId == trace));
        var spans = await stack.Otlp.WaitForAsync(all =>
        {
            var workers = all.Where(IsWorkerSpan).ToList();
            return workers.Any(w => all.Any(db => db.Scope == "Npgsql" && db.Service == ResourceNames.PersistenceWorker && DescendsFrom(all, db, w)));
        }, TimeSpan.FromSeconds(60), ct);

        var ingestion = spans.Where(s => s.Service == ResourceNames.Ingestion && s.TraceId == trace).ToList();
        Assert.True(ingestion.Count > 0, $"no ingestion span in trace {trace}\n{Describe(spans, trace)}\n{stack.LogTails()}");
        var worker = spans.Where(IsWorkerSpan).FirstOrDefault(w => spans.Any(db => db.Scope == "Npgsql" && DescendsFrom(spans, db, w)));
        Assert.True(worker is not null, $"no persistence-worker span with database spans under it for trace {trace}\n{Describe(spans, trace)}\n{stack.LogTails()}");
        // Through Kafka: the worker's span continues (or links to) a span that ingestion exported for this request.
        var upstream = worker.TraceId == trace ? worker.ParentSpanId : worker.Links.First(l => l.TraceId == trace).SpanId;
        Assert.Contains(ingestion, s => s.SpanId == upstream);
        output.WriteLine(Describe(spans, worker.TraceId));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_step_without_its_model_consumes_records_skipped_with_the_reason_and_commits()
    {
        // Image analysis has no model here (a placeholder until its module is built, and "no model configured" after):
        // either way the photo must get a derived record that says skipped and why, never a made-up caption.
        var ct = TestContext.Current.CancellationToken;
        var device = $"camera-{Guid.NewGuid():N}";
        await UploadPhotoAsync(device, ct);

        await using var log = new KafkaEventLog(new KafkaEventLogOptions { BootstrapServers = stack.Kafka.BootstrapServers });
        var step = PipelineSteps.ImageAnalysis;
        await using var consumer = await log.SubscribeAsync($"deployment-test-{Guid.NewGuid():N}", [step.Output!.Name], ct);
        var clock = Stopwatch.StartNew();
        LifeEvent? derived = null;
        while (derived is null && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            foreach (var message in await consumer.PollAsync(100, TimeSpan.FromSeconds(1), ct))
            {
                var decoded = CloudEventCodec.Decode(message, out var document);
                if (decoded.Device == device)
                    derived = decoded with { Data = decoded.Data.Clone() };
                document.Dispose();
            }
        }

        Assert.True(derived is not null, $"no {step.Output.Name} record for {device} within 60 s\n{stack.LogTails()}");
        Assert.Equal(ProcessingStatus.Skipped, derived.Data.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(derived.Data.GetProperty("reason").GetString()));
        Assert.False(derived.Data.TryGetProperty("caption", out _));
        Assert.Empty(step.Output.Schema.Validate(derived.Data));
        // Committed: the step's group has nothing of its topics left to read.
        await WaitForAsync(async () => await log.GetLagAsync(step.Group, step.SourceTopics, ct) == 0, ct);
    }

    private async Task UploadPhotoAsync(string device, CancellationToken ct)
    {
        using var http = ServerApi.CreateHttpClient(stack.Hosts[ResourceNames.Ingestion].BaseAddress, DeployedStack.Token);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("device.image.camera"), "type" },
            { new StringContent(device), "device" },
            { new StringContent("1"), "seq" },
            { new StringContent(TestEvents.Format(TestEvents.Epoch)), "time" },
            { new StringContent("""{"camera":"front"}"""), "data" },
        };
        var photo = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4]);
        photo.Headers.ContentType = new("image/png");
        form.Add(photo, "file", "photo.png");
        using var response = await http.PostAsync(new Uri("v1/media", UriKind.Relative), form, ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"media upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}\n{stack.LogTails()}");
    }

    private async Task IngestAsync(string batch, ActivityTraceId traceId, CancellationToken ct)
    {
        // No propagator: the traceparent below is the one the request carries.
        using var http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = stack.Hosts[ResourceNames.Ingestion].BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v1/ingest", UriKind.Relative))
        {
            Content = new StringContent(batch, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", DeployedStack.Token);
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await http.SendAsync(request, ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}\n{stack.LogTails()}");
    }

    private async Task<List<ServiceOperation>> OperationsAsync(string service)
    {
        using var http = new HttpClient { BaseAddress = stack.Hosts[service].BaseAddress };
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken));
        return
        [
            .. document.RootElement.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => operation.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(operation => new ServiceOperation(service, operation.Name.ToUpperInvariant(), path.Name))),
        ];
    }

    private static bool DescendsFrom(IReadOnlyList<ExportedSpan> spans, ExportedSpan span, ExportedSpan ancestor)
    {
        for (var current = span; current is not null && current.TraceId == ancestor.TraceId;
             current = spans.FirstOrDefault(s => s.SpanId == current.ParentSpanId && s.TraceId == current.TraceId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
                return true;
        }

        return false;
    }

    private static string Describe(IEnumerable<ExportedSpan> spans, string trace) =>
        string.Join('\n', spans.Where(s => s.TraceId == trace).Select(s => $"{s.Service,-20} {s.Scope,-22} {s.Name} ({s.SpanId} ← {s.ParentSpanId})"));

    private static async Task WaitForAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the condition did not hold within 30 s");
            await Task.Delay(250, ct);
        }
    }
}
