using System.Text;
using Confluent.Kafka;
using LogMessage = LifeOS.Eventing.LogMessage;

namespace LifeOS.Kafka.Tests;

/// <summary>Small helpers the Kafka-specific tests share: unique names, messages, draining, a raw Kafka reader.</summary>
internal static class KafkaTestKit
{
    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static string NewName(string prefix) => $"test.{prefix}." + Guid.NewGuid().ToString("N")[..12];

    public static OutgoingMessage Message(string topic, string key, string value, Dictionary<string, string>? headers = null) =>
        new(topic, key, Encoding.UTF8.GetBytes(value), headers ?? [], DateTimeOffset.UtcNow);

    public static string Text(LogMessage message) => Encoding.UTF8.GetString(message.Value.Span);

    public static async Task<List<LogMessage>> DrainAsync(IEventConsumer consumer, int expected, TimeSpan? timeout = null)
    {
        var received = new List<LogMessage>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (received.Count < expected && DateTime.UtcNow < deadline)
            received.AddRange(await consumer.PollAsync(500, TimeSpan.FromMilliseconds(200), Cancellation));
        return received;
    }

    /// <summary>Reads a topic with a plain Confluent.Kafka consumer, as any other Kafka client would see it.</summary>
    public static List<ConsumeResult<string, byte[]>> ReadRaw(string bootstrapServers, string topic, int expected)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = NewName("raw-reader"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Subscribe(topic);
        var records = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (records.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } record)
                records.Add(record);
        }

        consumer.Close();
        return records;
    }

    public static string HeaderText(ConsumeResult<string, byte[]> record, string name) =>
        Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));
}
