using System.Text.Json;

namespace LifeOS.LoadGen;

/// <summary>The event types the simulated devices send.</summary>
public enum EventKind
{
    Accelerometer,
    Gps,
    AppLifecycle,
    HeartRate,
    Steps,
}

/// <summary>The traffic mix: which devices exist, what each sends and how often, and the type names on the wire.</summary>
public static class TrafficModel
{
    /// <summary>Every device's simulated clock starts here, so a seed always yields the same timestamps.</summary>
    public static readonly DateTime SimulatedStart = new(2026, 11, 22, 6, 0, 0, DateTimeKind.Utc);

    public const long AccelerometerPeriod = TimeSpan.TicksPerSecond / 50;
    public const long GpsPeriod = TimeSpan.TicksPerSecond;
    public const long HeartRatePeriod = TimeSpan.TicksPerSecond;
    public const long StepsPeriod = 60 * TimeSpan.TicksPerSecond;
    public const long AppEventMinGap = 15 * TimeSpan.TicksPerSecond;
    public const long AppEventMaxGap = 45 * TimeSpan.TicksPerSecond;

    public static readonly string[] Apps =
    [
        "com.example.mail", "com.example.browser", "com.example.chat", "com.example.maps",
        "com.example.music", "com.example.camera", "com.example.notes", "com.example.calendar",
    ];

    private static readonly string[] TypeNames =
    [
        "device.sensor.accelerometer", "device.sensor.gps", "os.events.app_lifecycle",
        "device.health.heartrate", "device.health.steps",
    ];

    // Encoded once: the writer copies these bytes instead of escaping the same strings a million times.
    private static readonly JsonEncodedText[] EncodedTypeNames = [.. TypeNames.Select(t => JsonEncodedText.Encode(t))];

    public static string TypeName(EventKind kind) => TypeNames[(int)kind];

    public static JsonEncodedText EncodedTypeName(EventKind kind) => EncodedTypeNames[(int)kind];

    /// <summary>Even indexes are phones, odd ones watches, so any share of the devices mixes both kinds.</summary>
    public static bool IsPhone(int deviceIndex) => deviceIndex % 2 == 0;

    public static string DeviceName(string runTag, int deviceIndex) =>
        $"lg-{runTag}-{(IsPhone(deviceIndex) ? "phone" : "watch")}-{(deviceIndex / 2) + 1:D3}";

    /// <summary>The devices of one run, each with its own random stream derived from the seed.</summary>
    public static DeviceSimulator[] CreateDevices(int count, int seed, string runTag) =>
        [.. Enumerable.Range(0, count).Select(i => new DeviceSimulator(DeviceName(runTag, i), IsPhone(i), seed, i))];
}
