using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LifeOS.Eventing.Kafka;

/// <summary>The event log on Kafka: an idempotent acks=all producer, cooperative-sticky consumer groups, topics from specs.</summary>
/// <remarks>
/// Thread-safe; one instance per process is enough (the producer batches every caller's appends). Messages keep the
/// log's headers as Kafka headers, so CloudEvents binary-mode attributes and <c>traceparent</c> cross unchanged.
/// </remarks>
public sealed class KafkaEventLog : IEventLog
{
    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of produce latency, produce errors and consumer lag.</summary>
    public const string MeterName = "LifeOS.Eventing.Kafka";

    private readonly KafkaEventLogOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly IProducer<string, byte[]> _producer;
    private readonly IAdminClient _admin;
    private readonly IKafkaTopicCreator _creator;
    private readonly KafkaLagReader _lag;
    // Topics known to exist, with their partition counts; a topic is looked up on the brokers once, then trusted.
    private readonly ConcurrentDictionary<string, int> _topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<KafkaEventConsumer, byte> _consumers = new();
    private readonly SemaphoreSlim _provisioning = new(1, 1);
    private long _lastRefresh;
    private int _disposed;

    public KafkaEventLog(KafkaEventLogOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        KafkaNativeLibrary.EnsureRegistered();
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<KafkaEventLog>();
        _producer = new ProducerBuilder<string, byte[]>(KafkaClientConfigs.Producer(options))
            .SetLogHandler(KafkaLogging.Log(_logger))
            .SetErrorHandler(KafkaLogging.Errors(_logger))
            .Build();
        // The admin client rides on the producer's connections instead of opening its own.
        _admin = new DependentAdminClientBuilder(_producer.Handle).Build();
        _creator = options.TopicCreator ?? new AdminClientTopicCreator(_admin, options);
        _lag = new KafkaLagReader(options);
    }

    public KafkaEventLogOptions Options => _options;

    public async Task EnsureTopicsAsync(IEnumerable<TopicSpec> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var wanted = topics.Where(t => !_topics.ContainsKey(t.Name)).DistinctBy(t => t.Name, StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
            return;
        foreach (var topic in wanted)
            _ = KafkaTopicSpecifications.From(topic); // bad specs fail here, before anything is created

        // One provisioning at a time: concurrent first appends to a new topic create it once.
        await _provisioning.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RefreshTopicsAsync(cancellationToken).ConfigureAwait(false);
            var missing = wanted.Where(t => !_topics.ContainsKey(t.Name)).ToList();
            if (missing.Count == 0)
                return;

            _logger.LogInformation("Creating Kafka topics {Topics}", string.Join(", ", missing.Select(t => $"{t.Name} ({t.Partitions})")));
            await _creator.CreateTopicsAsync(missing, cancellationToken).ConfigureAwait(false);
            await RefreshTopicsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var topic in missing)
                _topics.TryAdd(topic.Name, topic.Partitions); // created, though metadata may lag behind
        }
        finally
        {
            _provisioning.Release();
        }
    }

    public async Task AppendAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
            return;
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        var unknown = messages.Select(m => m.Topic).Where(t => !_topics.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            // Like the embedded log: dead-letter and ad-hoc topics appear on first use, with the default partitions.
            var specs = unknown.Select(t => new TopicSpec(t, _options.DefaultPartitions, TimeSpan.FromDays(30)));
            await EnsureTopicsAsync(specs, cancellationToken).ConfigureAwait(false);
        }

        var pending = new PendingAppend(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                await ProduceAsync(messages[i], pending, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // What was handed over still completes; the caller learns the append as a whole failed.
                pending.Abandon(messages.Count - i, ex);
                break;
            }
        }

        await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> GetLagAsync(string group, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        ArgumentNullException.ThrowIfNull(topics);
        // Hosts sample lag often; a topic that does not exist yet is looked for again at most once a second.
        if (topics.Any(t => !_topics.ContainsKey(t)) && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastRefresh)) > TimeSpan.FromSeconds(1))
            await RefreshTopicsAsync(cancellationToken).ConfigureAwait(false);

        var partitions = topics
            .Where(_topics.ContainsKey)
            .SelectMany(t => Enumerable.Range(0, _topics[t]).Select(p => new TopicPartition(t, p)))
            .ToList();
        return await Task.Run(() => _lag.Lag(group, partitions), cancellationToken).ConfigureAwait(false);
    }

    public Task<IEventConsumer> SubscribeAsync(string group, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0)
            throw new ArgumentException("Subscribe to at least one topic", nameof(topics));
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        var consumer = new KafkaEventConsumer(
            _options, group, topics, _loggerFactory.CreateLogger<KafkaEventConsumer>(), closed => _consumers.TryRemove(closed, out _));
        _consumers.TryAdd(consumer, 0);
        return Task.FromResult<IEventConsumer>(consumer);
    }

    private async Task ProduceAsync(OutgoingMessage message, PendingAppend pending, CancellationToken cancellationToken)
    {
        var record = KafkaMessages.ToKafka(message);
        while (true)
        {
            try
            {
                _producer.Produce(message.Topic, record, pending.OnDelivered);
                return;
            }
            catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The producer's buffer is full: wait for deliveries to drain it rather than fail the caller.
                await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            }
            catch (ProduceException<string, byte[]> ex)
            {
                // Refused before sending, e.g. larger than the brokers accept: the message's fault, named.
                throw new InvalidOperationException($"Kafka refused a message for '{message.Topic}' (key '{message.Key}'): {ex.Error.Reason}", ex);
            }
        }
    }

    private Task RefreshTopicsAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        // All topics, not the wanted ones by name: asking for a topic by name may create it on brokers that auto-create.
        Metadata metadata;
        try
        {
            metadata = _admin.GetMetadata(_options.AdminTimeout);
        }
        catch (KafkaException ex)
        {
            var message = $"Kafka at {_options.BootstrapServers} did not answer a metadata request: {ex.Error.Reason}";
            throw ex.Error.Code is ErrorCode.Local_TimedOut or ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown
                ? new TimeoutException(message, ex)
                : new InvalidOperationException(message, ex);
        }

        foreach (var topic in metadata.Topics.Where(t => t.Error.Code != ErrorCode.UnknownTopicOrPart && t.Partitions.Count > 0))
            _topics[topic.Topic] = topic.Partitions.Count;
        Interlocked.Exchange(ref _lastRefresh, Stopwatch.GetTimestamp());
    }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;

        foreach (var consumer in _consumers.Keys)
            await consumer.DisposeAsync().ConfigureAwait(false);

        await Task.Run(() =>
        {
            // Appends already acknowledged are durable; this only waits for ones still in flight.
            var left = _producer.Flush(_options.DeliveryTimeout);
            if (left > 0)
                _logger.LogWarning("{Count} Kafka messages were still unacknowledged at shutdown", left);
            _lag.Dispose();
            _admin.Dispose();
            _producer.Dispose();
        }).ConfigureAwait(false);
        _provisioning.Dispose();
    }
}
