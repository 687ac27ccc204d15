using System.Globalization;
using System.Text.Json;
using LifeOS.Contracts;

namespace LifeOS.PgBench;

/// <summary>Realistic wearable and phone traffic: per device, increasing seqs and times, as devices send it.</summary>
internal static class RowGenerator
{
    public const string HeartRate = "device.health.heartrate";
    public const string Steps = "device.health.steps";
    public const string AppLifecycle = "os.events.app_lifecycle";

    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Apps = ["com.example.mail", "com.example.maps", "com.example.chat", "com.example.music"];
    private static readonly string[] States = ["foreground", "background", "opened", "closed"];

    /// <summary>
    /// Rows interleaved across devices in time order. Of every 100 events, about 80 are heart rate (watch and ring,
    /// 1 Hz), 2 are step counts (watch, one a minute) and 18 are app events (phone), which is what a day of capture looks like.
    /// </summary>
    public static List<LifeEvent> Generate(int rows, int users, int seed)
    {
        var random = new Random(seed);
        var events = new List<LifeEvent>(rows);
        var seqs = new Dictionary<string, long>();
        var second = 0;
        while (events.Count < rows)
        {
            for (var u = 0; u < users && events.Count < rows; u++)
            {
                var user = $"user{u:D2}";
                var time = Start.AddSeconds(second).AddTicks(random.Next(0, 10_000_000));
                Add(events, seqs, user, "watch", HeartRate, time, Number(random.Next(48, 170)));
                if (events.Count < rows)
                    Add(events, seqs, user, "ring", HeartRate, time.AddMilliseconds(250), Number(random.Next(48, 170)));
                if (second % 60 == 0 && events.Count < rows)
                    Add(events, seqs, user, "watch", Steps, time, Number(random.Next(0, 140)));
                if (random.Next(100) < 23 && events.Count < rows)
                {
                    var data = $$"""{"app":"{{Apps[random.Next(Apps.Length)]}}","state":"{{States[random.Next(States.Length)]}}","pid":{{random.Next(100, 30000)}}}""";
                    Add(events, seqs, user, "phone", AppLifecycle, time, data);
                }
            }

            second++;
        }

        return events;
    }

    private static string Number(int value) => $$"""{"value":{{value.ToString(CultureInfo.InvariantCulture)}}}""";

    private static void Add(List<LifeEvent> events, Dictionary<string, long> seqs, string user, string device, string type, DateTimeOffset time, string data)
    {
        var key = $"{user}/{device}";
        var seq = seqs[key] = seqs.GetValueOrDefault(key) + 1;
        events.Add(new LifeEvent
        {
            Id = $"{user}-{device}-{seq}",
            Type = type,
            Source = LifeEvent.SourceFor(device),
            Time = time,
            Device = device,
            Seq = seq,
            User = user,
            Data = JsonDocument.Parse(data).RootElement.Clone(),
        });
    }
}
