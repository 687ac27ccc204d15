using LifeOS.Contracts.Payloads;
using LifeOS.Contracts.Validation;

namespace LifeOS.Contracts;

/// <summary>The one catalogue of topics: every topic name in the system is spelled here and nowhere else.</summary>
public static partial class TopicCatalogue
{
    private static readonly PayloadSchema BlobSchema = new(
        new StringField("sha256", IsRequired: true, MaxLength: 64),
        new NumberField("size", IsRequired: true, 0, long.MaxValue, IsInteger: true),
        new StringField("contentType", IsRequired: true, MaxLength: 255));

    public static readonly TopicDefinition HeartRate = Numeric(
        "device.health.heartrate.raw", "bpm", 20, 300, "Heart rate in beats per minute.");

    public static readonly TopicDefinition Steps = Numeric(
        "device.health.steps.raw", "count", 0, 100_000, "Steps counted since the previous sample.", integer: true);

    public static readonly TopicDefinition Accelerometer = new()
    {
        Name = "device.sensor.accelerometer.raw",
        EventType = "device.sensor.accelerometer",
        Stage = TopicStage.Raw,
        PayloadType = typeof(AccelerationSampled),
        Key = TopicKey.Device,
        Unit = "m/s2",
        Projection = StoreProjection.Motion,
        Description = "Three-axis acceleration in m/s², typically 50 Hz in batches.",
        Schema = new(
            new NumberField("x", true, -1000, 1000),
            new NumberField("y", true, -1000, 1000),
            new NumberField("z", true, -1000, 1000)),
    };

    public static readonly TopicDefinition Gps = new()
    {
        Name = "device.sensor.gps.raw",
        EventType = "device.sensor.gps",
        Stage = TopicStage.Raw,
        PayloadType = typeof(LocationFixed),
        Key = TopicKey.Device,
        Projection = StoreProjection.Location,
        Description = "A GPS fix: lat/lon in degrees, altitude and accuracy in metres.",
        Schema = new(
            new NumberField("lat", true, -90, 90),
            new NumberField("lon", true, -180, 180),
            new NumberField("alt", false, -500, 100_000),
            new NumberField("accuracy", false, 0, 100_000)),
    };

    public static readonly TopicDefinition Audio = new()
    {
        Name = "device.audio.raw",
        EventType = "device.audio",
        Stage = TopicStage.Raw,
        PayloadType = typeof(AudioChunkReceived),
        Key = TopicKey.FileId,
        Projection = StoreProjection.Media,
        Description = "A microphone audio chunk; samples in the blob store, chunks of one recording share fileId.",
        Schema = new(
            new StringField("fileId", true, 128),
            new NumberField("sampleRate", true, 1000, 384_000, IsInteger: true),
            new EnumField("format", true, "pcm_s16le", "pcm_f32le", "opus", "wav", "flac", "mp3", "aac"),
            new NumberField("channels", false, 1, 8, IsInteger: true),
            new NumberField("durationMs", false, 0, 86_400_000),
            new ObjectField("blob", true, BlobSchema)),
    };

    /// <summary>Every topic, raw and processed (dead-letter topics are derived, not listed).</summary>
    public static IReadOnlyList<TopicDefinition> All { get; } = [HeartRate, Steps, Accelerometer, Gps, Audio];

    public static IEnumerable<TopicDefinition> Raw => All.Where(t => t.Stage == TopicStage.Raw);

    public static IEnumerable<TopicDefinition> Ingestible => All.Where(t => t.IsIngestible);

    private static readonly Dictionary<string, TopicDefinition> ByTypeIndex =
        All.Where(t => t.EventType is not null).ToDictionary(t => t.EventType!, StringComparer.Ordinal);

    private static readonly Dictionary<string, TopicDefinition> ByNameIndex =
        All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Finds the topic clients address by event type (e.g. <c>device.health.heartrate</c>).</summary>
    public static bool TryGetByEventType(string eventType, out TopicDefinition topic) =>
        ByTypeIndex.TryGetValue(eventType, out topic!);

    public static bool TryGetByName(string name, out TopicDefinition topic) => ByNameIndex.TryGetValue(name, out topic!);

    private static TopicDefinition Numeric(
        string name, string unit, double min, double max, string description, bool integer = false) => new()
    {
        Name = name,
        EventType = name[..^".raw".Length],
        Stage = TopicStage.Raw,
        PayloadType = typeof(NumericSampled),
        Key = TopicKey.Device,
        Unit = unit,
        Projection = StoreProjection.Sample,
        Description = description,
        Schema = new(new NumberField("value", true, min, max, integer)),
    };
}
