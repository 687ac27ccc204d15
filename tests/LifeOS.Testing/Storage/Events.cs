using System.Text.Json;
using LifeOS.Contracts;

namespace LifeOS.Testing.Storage;

/// <summary>Builds envelopes for store tests.</summary>
public static class Events
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    public static LifeEvent Make(string user, string type, string device, long seq, DateTimeOffset time, string data, string? id = null) => new()
    {
        Id = id ?? $"{user}-{device}-{seq}",
        Type = type,
        Source = LifeEvent.SourceFor(device),
        Time = time,
        Device = device,
        Seq = seq,
        User = user,
        Data = JsonDocument.Parse(data).RootElement.Clone(),
    };

    public static LifeEvent HeartRate(string user, string device, long seq, DateTimeOffset time, double bpm) =>
        Make(user, "device.health.heartrate", device, seq, time, $"{{\"value\":{bpm.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}");
}
