using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace LifeOS.Eventing.Kafka;

/// <summary>librdkafka's mock cluster: real Kafka-protocol brokers on 127.0.0.1 inside this process, for tests and local runs.</summary>
/// <remarks>
/// It serves produce (idempotent too), fetch, list-offsets, metadata, consumer groups and offset commits, so clients
/// in this or any other process use it like a broker. It does not serve the admin API: topics are created here
/// (<see cref="CreateTopics"/>), and it keeps no topic configuration (retention, cleanup policy) and never deletes data.
/// Brokers can be taken down and requests refused, to test outages. Everything lives in memory and is gone after
/// <see cref="Dispose"/>. <c>tools/LifeOS.KafkaMock</c> runs one as a process for local runs of the split services.
/// </remarks>
public sealed class KafkaMockCluster : IKafkaTopicCreator, IDisposable
{
    private readonly Lock _lock = new();
    private IntPtr _handle;
    private IntPtr _cluster;

    /// <param name="brokers">How many brokers to start (ids 1..n), each on its own port.</param>
    public KafkaMockCluster(int brokers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        KafkaNativeLibrary.EnsureRegistered();
        Brokers = brokers;

        // The cluster needs an rd_kafka_t for its threads and timers; this producer handle never produces.
        var error = new byte[512];
        var conf = NativeMethods.rd_kafka_conf_new();
        if (NativeMethods.rd_kafka_conf_set(conf, "log_level", "3", error, (nuint)error.Length) != 0)
        {
            NativeMethods.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException("librdkafka refused log_level: " + Text(error));
        }

        _handle = NativeMethods.rd_kafka_new(NativeMethods.ProducerType, conf, error, (nuint)error.Length);
        if (_handle == IntPtr.Zero)
        {
            NativeMethods.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException("librdkafka could not create the mock cluster's handle: " + Text(error));
        }

        _cluster = NativeMethods.rd_kafka_mock_cluster_new(_handle, brokers);
        if (_cluster == IntPtr.Zero)
        {
            NativeMethods.rd_kafka_destroy(_handle);
            throw new InvalidOperationException("librdkafka could not start a mock cluster (see its log on stderr)");
        }

        BootstrapServers = Marshal.PtrToStringUTF8(NativeMethods.rd_kafka_mock_cluster_bootstraps(_cluster))!;
    }

    /// <summary>The brokers' addresses, <c>127.0.0.1:port,...</c>: a Kafka connection string.</summary>
    public string BootstrapServers { get; }

    public int Brokers { get; }

    /// <summary>Creates topics with their partition counts; an existing topic keeps its partitions.</summary>
    /// <remarks>Retention and cleanup policy are not applied: the mock has no topic configuration.</remarks>
    public void CreateTopics(IEnumerable<TopicSpec> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            foreach (var topic in topics)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(topic.Name);
                ArgumentOutOfRangeException.ThrowIfLessThan(topic.Partitions, 1);
                var result = NativeMethods.rd_kafka_mock_topic_create(_cluster, topic.Name, topic.Partitions, Math.Min(Brokers, 3));
                if (result is not (NativeMethods.ErrorNone or NativeMethods.ErrorTopicAlreadyExists))
                {
                    var reason = Marshal.PtrToStringUTF8(NativeMethods.rd_kafka_err2str(result));
                    throw new InvalidOperationException($"The mock cluster could not create topic '{topic.Name}': {reason}");
                }
            }
        }
    }

    /// <summary>Takes a broker down: its connections drop and new ones are refused, as in a crash. Leaders do not move.</summary>
    public void SetBrokerDown(int brokerId) => BrokerCall(brokerId, "take down", c => NativeMethods.rd_kafka_mock_broker_set_down(c, brokerId));

    /// <summary>Brings a broker taken down by <see cref="SetBrokerDown"/> back.</summary>
    public void SetBrokerUp(int brokerId) => BrokerCall(brokerId, "bring up", c => NativeMethods.rd_kafka_mock_broker_set_up(c, brokerId));

    /// <summary>The next <paramref name="count"/> requests of kind <paramref name="api"/>, to any broker, fail with <paramref name="error"/> unhandled.</summary>
    public void FailNextRequests(KafkaApiKey api, ErrorCode error, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var errors = Enumerable.Repeat((int)error, count).ToArray();
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            NativeMethods.rd_kafka_mock_push_request_errors_array(_cluster, (short)api, (nuint)count, errors);
        }
    }

    /// <inheritdoc/>
    Task IKafkaTopicCreator.CreateTopicsAsync(IReadOnlyList<TopicSpec> topics, CancellationToken cancellationToken)
    {
        CreateTopics(topics);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_cluster == IntPtr.Zero)
                return;
            // The cluster must go before the handle it was created on.
            NativeMethods.rd_kafka_mock_cluster_destroy(_cluster);
            NativeMethods.rd_kafka_destroy(_handle);
            _cluster = IntPtr.Zero;
            _handle = IntPtr.Zero;
        }
    }

    private void BrokerCall(int brokerId, string what, Func<IntPtr, int> call)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokerId, Brokers);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            var result = call(_cluster);
            if (result != NativeMethods.ErrorNone)
                throw new InvalidOperationException($"The mock cluster could not {what} broker {brokerId}: {Marshal.PtrToStringUTF8(NativeMethods.rd_kafka_err2str(result))}");
        }
    }

    private static string Text(byte[] error) => Encoding.UTF8.GetString(error, 0, Math.Max(0, Array.IndexOf(error, (byte)0)));
}
