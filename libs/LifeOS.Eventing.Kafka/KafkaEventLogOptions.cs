using System.Globalization;

namespace LifeOS.Eventing.Kafka;

/// <summary>Settings of <see cref="KafkaEventLog"/>; <see cref="BootstrapServers"/> comes from <c>ConnectionStrings:kafka</c>.</summary>
public sealed class KafkaEventLogOptions
{
    /// <summary>The configuration key Aspire's Kafka resource sets (<c>ConnectionStrings__kafka</c>).</summary>
    public const string ConnectionName = "kafka";

    /// <summary>Comma-separated <c>host:port</c> list.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Names this process's connections in broker logs and quotas.</summary>
    public string ClientId { get; set; } = "lifeos";

    /// <summary>Partitions of a topic appended to before it was provisioned (dead-letter and ad-hoc topics).</summary>
    public int DefaultPartitions { get; set; } = 1;

    /// <summary>Replicas of each created topic; -1 takes the broker's default.</summary>
    public short ReplicationFactor { get; set; } = -1;

    /// <summary>How long an append may wait for the brokers' acknowledgement (retries included) before it fails.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on admin, metadata and offset requests.</summary>
    public TimeSpan AdminTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A consumer that misses heartbeats this long leaves its group and its partitions move.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(45);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How soon a consumer notices a topic created after it subscribed.</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Creates missing topics; null uses the admin API. Set to a <see cref="KafkaMockCluster"/> in process.</summary>
    public IKafkaTopicCreator? TopicCreator { get; set; }

    /// <summary>Reads an Aspire-style Kafka connection string: the bootstrap servers, <c>host:port[,host:port...]</c>.</summary>
    /// <exception cref="FormatException">It is empty or an entry is not <c>host:port</c> with a port in 1..65535.</exception>
    public static string ParseConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new FormatException($"The Kafka connection string (ConnectionStrings:{ConnectionName}) is empty; expected host:port[,host:port...]");

        var servers = connectionString.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var server in servers)
        {
            var colon = server.LastIndexOf(':');
            var valid = colon > 0
                && int.TryParse(server.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                && port is >= 1 and <= 65535;
            if (!valid)
                throw new FormatException($"'{server}' in the Kafka connection string is not host:port");
        }

        return string.Join(',', servers);
    }

    internal void Validate()
    {
        BootstrapServers = ParseConnectionString(BootstrapServers);
        ArgumentOutOfRangeException.ThrowIfLessThan(DefaultPartitions, 1, nameof(DefaultPartitions));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DeliveryTimeout, TimeSpan.Zero, nameof(DeliveryTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AdminTimeout, TimeSpan.Zero, nameof(AdminTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HeartbeatInterval, TimeSpan.Zero, nameof(HeartbeatInterval));
        if (SessionTimeout <= HeartbeatInterval)
            throw new ArgumentOutOfRangeException(nameof(SessionTimeout), SessionTimeout, "must be longer than HeartbeatInterval");
    }
}
