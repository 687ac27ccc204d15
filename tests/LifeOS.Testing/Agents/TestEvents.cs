using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LifeOS.Testing.Agents;

/// <summary>One event a test client sent, kept to compare with what the server stored.</summary>
public sealed record SentEvent(string Type, string Device, long Seq, DateTimeOffset Time, string Data);

/// <summary>Random sensor events of the three high-rate types, and their JSON batches.</summary>
public static class TestEvents
{
    public const string HeartRate = "device.health.heartrate";
    public const string Accelerometer = "device.sensor.accelerometer";
    public const string Gps = "device.sensor.gps";

    // Times follow seq, so each device's timeline order is its seq order and the range is known.
    public static readonly DateTimeOffset Epoch = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    public static SentEvent Create(Random random, string device, long seq)
    {
        var time = Epoch.AddMilliseconds(seq * 100);
        return random.Next(3) switch
        {
            0 => new SentEvent(HeartRate, device, seq, time, $"{{\"value\":{random.Next(40, 181)}}}"),
            1 => new SentEvent(Accelerometer, device, seq, time,
                $"{{\"x\":{Number(random, 20, 3)},\"y\":{Number(random, 20, 3)},\"z\":{Number(random, 20, 3)}}}"),
            _ => new SentEvent(Gps, device, seq, time, $"{{\"lat\":{Number(random, 80, 6)},\"lon\":{Number(random, 170, 6)}}}"),
        };
    }

    /// <summary>Events for seqs <paramref name="firstSeq"/>.. of one device.</summary>
    public static List<SentEvent> Range(Random random, string device, long firstSeq, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Create(random, device, firstSeq + i))];

    /// <summary>The body of <c>POST /v1/ingest</c>: a JSON array, events without ids (the server derives them from device and seq).</summary>
    public static string ToJson(IEnumerable<SentEvent> events)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var e in events)
            {
                writer.WriteStartObject();
                writer.WriteString("type", e.Type);
                writer.WriteString("device", e.Device);
                writer.WriteNumber("seq", e.Seq);
                writer.WriteString("time", Format(e.Time));
                writer.WritePropertyName("data");
                writer.WriteRawValue(e.Data);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Number(Random random, double magnitude, int decimals) =>
        Math.Round((random.NextDouble() * 2 - 1) * magnitude, decimals).ToString(CultureInfo.InvariantCulture);
}
