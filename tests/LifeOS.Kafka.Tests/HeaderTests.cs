using System.Diagnostics;
using System.Text.Json;
using LifeOS.Contracts;
using static LifeOS.Kafka.Tests.KafkaTestKit;

namespace LifeOS.Kafka.Tests;

/// <summary>CloudEvents binary mode on Kafka: attributes and the W3C trace context travel as Kafka headers.</summary>
public sealed class HeaderTests(MockClusterFixture fixture) : IClassFixture<MockClusterFixture>
{
    private static LifeEvent HeartRate(string device) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Type = "device.health.heartrate",
        Source = LifeEvent.SourceFor(device),
        Time = new DateTimeOffset(2026, 11, 22, 8, 30, 15, 250, TimeSpan.Zero),
        Subject = "Café ☕ run",
        Device = device,
        Seq = 42,
        User = "user-1",
        Data = JsonDocument.Parse("""{"value":61,"unit":"bpm"}""").RootElement,
    };

    [Fact]
    public async Task A_CloudEvent_and_its_traceparent_come_back_unchanged()
    {
        await using var log = new KafkaEventLog(fixture.Options());
        var topic = TopicCatalogue.HeartRate with { Name = NewName("headers") };
        await log.EnsureTopicsAsync([new TopicSpec(topic.Name, 2, TimeSpan.FromDays(1))], Cancellation);
        var sent = HeartRate("watch-7");

        using var activity = new Activity("ingest").SetIdFormat(ActivityIdFormat.W3C).Start();
        var message = CloudEventCodec.Encode(sent, topic);
        activity.Stop();
        await log.AppendAsync([message], Cancellation);

        await using var consumer = await log.SubscribeAsync(NewName("group"), [topic.Name], Cancellation);
        var received = Assert.Single(await DrainAsync(consumer, 1));
        var decoded = CloudEventCodec.Decode(received, out var document);
        using (document)
        {
            Assert.Equal(sent with { Data = default }, decoded with { Data = default });
            Assert.Equal(sent.Data.GetRawText(), decoded.Data.GetRawText());
        }

        Assert.Equal(activity.Id, received.Headers[CloudEventCodec.TraceParentHeader]);
        Assert.Equal("watch-7", received.Key);
        Assert.Equal(sent.Time, received.Timestamp);
    }

    [Fact]
    public async Task Attributes_are_plain_Kafka_headers_and_the_value_is_the_data_alone()
    {
        await using var log = new KafkaEventLog(fixture.Options());
        var topic = TopicCatalogue.HeartRate with { Name = NewName("wire") };
        await log.EnsureTopicsAsync([new TopicSpec(topic.Name, 1, TimeSpan.FromDays(1))], Cancellation);
        var sent = HeartRate("watch-8");
        using var activity = new Activity("ingest").SetIdFormat(ActivityIdFormat.W3C).Start();
        await log.AppendAsync([CloudEventCodec.Encode(sent, topic)], Cancellation);
        activity.Stop();

        // What any other Kafka client sees: the CloudEvents Kafka binding, binary mode.
        var record = Assert.Single(ReadRaw(fixture.Cluster.BootstrapServers, topic.Name, 1));
        Assert.Equal("1.0", HeaderText(record, "ce_specversion"));
        Assert.Equal(sent.Id, HeaderText(record, "ce_id"));
        Assert.Equal("device.health.heartrate", HeaderText(record, "ce_type"));
        Assert.Equal("/devices/watch-8", HeaderText(record, "ce_source"));
        Assert.Equal("Café ☕ run", HeaderText(record, "ce_subject"));
        Assert.Equal("42", HeaderText(record, "ce_seq"));
        Assert.Equal("application/json", HeaderText(record, "content-type"));
        Assert.Equal(activity.Id, HeaderText(record, "traceparent"));
        Assert.Equal("""{"value":61,"unit":"bpm"}""", System.Text.Encoding.UTF8.GetString(record.Message.Value));
        Assert.Equal("watch-8", record.Message.Key);
    }
}
