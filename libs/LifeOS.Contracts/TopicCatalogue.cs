using System.Text.Json;
using LifeOS.Contracts.Payloads;
using LifeOS.Contracts.Validation;
using static LifeOS.Contracts.CommonSchemas;

namespace LifeOS.Contracts;

/// <summary>The one catalogue of topics: every topic name in the system is spelled here and nowhere else.</summary>
/// <remarks>
/// Deliberately one non-partial file: static initialisers run in textual order within a file (and in no defined
/// order across partial files), so every definition sits above <see cref="All"/> and the indexes, which therefore
/// never see a null. Shared sub-schemas live in <see cref="CommonSchemas"/>, which initialises itself on first use.
/// </remarks>
public static class TopicCatalogue
{
    // Constants, not static fields: a helper called from an initialiser above a field would read it as zero.
    private const int DefaultPartitions = 3;
    private const int HighRatePartitions = 6;
    private const int RawRetentionDays = 30;
    private const int MediaRetentionDays = 7;
    private const int ProcessedRetentionDays = 365;
    private const string RawSuffix = ".raw";

    // ---- Raw: media ------------------------------------------------------------------------------------------

    public static readonly TopicDefinition Audio = new()
    {
        Name = "device.audio.raw",
        EventType = "device.audio",
        Stage = TopicStage.Raw,
        PayloadType = typeof(AudioChunkReceived),
        Key = TopicKey.FileId,
        Projection = StoreProjection.Media,
        Description = "A microphone audio chunk; samples in the blob store, chunks of one recording share fileId.",
        Partitions = HighRatePartitions,
        Retention = TimeSpan.FromDays(MediaRetentionDays),
        Schema = new(
            new StringField("fileId", true, 128),
            new NumberField("sampleRate", true, 1000, 384_000, IsInteger: true),
            new EnumField("format", true, "pcm_s16le", "pcm_f32le", "opus", "wav", "flac", "mp3", "aac"),
            new NumberField("channels", false, 1, 8, IsInteger: true),
            new NumberField("durationMs", false, 0, MaxChunkMs),
            new ObjectField("blob", true, Blob)),
    };

    public static readonly TopicDefinition ScreenVideo = RawTopic(
        "device.video.screen.raw", typeof(ScreenFrameCaptured),
        "A keyframe of a screen recording (image in the blob store), with the app and window in front.",
        new(
            new ObjectField("blob", true, Blob),
            new NumberField("width", true, 1, MaxImageSide, IsInteger: true),
            new NumberField("height", true, 1, MaxImageSide, IsInteger: true),
            new StringField("app", false, 256),
            new StringField("window", false, 1024)),
        StoreProjection.Media);

    public static readonly TopicDefinition Camera = RawTopic(
        "device.image.camera.raw", typeof(ImageCaptured),
        "A periodic front or rear camera photo, or a screenshot; the image is in the blob store.",
        new(
            new ObjectField("blob", true, Blob),
            new EnumField("camera", true, "front", "rear", "screen"),
            new NumberField("width", false, 1, MaxImageSide, IsInteger: true),
            new NumberField("height", false, 1, MaxImageSide, IsInteger: true),
            new StringField("pairId", false, 128)),
        StoreProjection.Media);

    // ---- Raw: motion, location and environment sensors -------------------------------------------------------

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
        Partitions = HighRatePartitions,
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
        Partitions = HighRatePartitions,
        Schema = new(
            new NumberField("lat", true, -90, 90),
            new NumberField("lon", true, -180, 180),
            new NumberField("alt", false, -500, 100_000),
            new NumberField("accuracy", false, 0, 100_000)),
    };

    // Sea-level pressure records are ~870..1085 hPa; 300 allows a phone carried up Everest.
    public static readonly TopicDefinition Barometer = Numeric(
        "device.sensor.barometer.raw", "hPa", 300, 1100, "Air pressure from the barometer in hectopascals.");

    public static readonly TopicDefinition Temperature = Numeric(
        "device.sensor.temperature.raw", "Cel", -40, 130, "Device (battery or CPU) temperature in degrees Celsius.");

    // Direct sunlight peaks around 120 000 lx; sensors saturate below 200 000.
    public static readonly TopicDefinition Light = Numeric(
        "device.sensor.light.raw", "lx", 0, 200_000, "Ambient light in lux.");

    public static readonly TopicDefinition Humidity = Numeric(
        "device.sensor.humidity.raw", "%", 0, 100, "Relative humidity in percent.");

    public static readonly TopicDefinition AirQuality = RawTopic(
        "device.sensor.air_quality.raw", typeof(AirQualitySampled),
        "An AQI-like air-quality value (0..1000) with optional PM2.5/PM10 (µg/m³), CO₂ (ppm) and VOC index.",
        new(
            new NumberField("value", true, 0, 1000),
            new NumberField("pm25", false, 0, 1000),
            new NumberField("pm10", false, 0, 2000),
            new NumberField("co2", false, 0, 40_000),
            new NumberField("vocIndex", false, 0, 500)),
        StoreProjection.Sample) with { Unit = "aqi" };

    // ---- Raw: health -----------------------------------------------------------------------------------------

    public static readonly TopicDefinition HeartRate = Numeric(
        "device.health.heartrate.raw", "bpm", 20, 300, "Heart rate in beats per minute.")
        with { Partitions = HighRatePartitions };

    public static readonly TopicDefinition Steps = Numeric(
        "device.health.steps.raw", "count", 0, 100_000, "Steps counted since the previous sample.", integer: true);

    // ---- Raw: device state and network -----------------------------------------------------------------------

    public static readonly TopicDefinition Power = RawTopic(
        "device.state.power.raw", typeof(PowerStateChanged),
        "Battery level in percent and whether the device is charging, and from what.",
        new(
            new NumberField("batteryLevel", true, 0, 100),
            new BooleanField("charging", true),
            new EnumField("source", false, "ac", "usb", "wireless", "battery")));

    public static readonly TopicDefinition Wifi = RawTopic(
        "device.network.wifi.raw", typeof(WifiStateChanged),
        "Wi-Fi state: whether connected, to which network, and signal strength in dBm.",
        new(
            new BooleanField("connected", true),
            new StringField("ssid", false, 64),
            // aa:bb:cc:dd:ee:ff
            new StringField("bssid", false, 17),
            new NumberField("rssi", false, -120, 0, IsInteger: true),
            new NumberField("frequencyMhz", false, 2400, 7200, IsInteger: true)));

    public static readonly TopicDefinition Bluetooth = RawTopic(
        "device.network.bluetooth.raw", typeof(BluetoothDevicesScanned),
        "The Bluetooth devices one scan found nearby, with signal strength in dBm.",
        new(
            new ArrayField("devices", true, new ObjectField("device", true, new(
                new StringField("address", true, 64),
                // 248 bytes is the Bluetooth limit for a device name.
                new StringField("name", false, 248),
                new NumberField("rssi", false, -127, 20, IsInteger: true))), MaxItems: 500)));

    // ---- Raw: OS and digital activity ------------------------------------------------------------------------

    public static readonly TopicDefinition AppLifecycle = RawTopic(
        "os.events.app_lifecycle.raw", typeof(AppLifecycleChanged),
        "An app was opened, foregrounded, backgrounded, closed, installed, updated, uninstalled or crashed.",
        new(
            new StringField("app", true, 256),
            new EnumField("action", true,
                "opened", "foreground", "background", "closed", "installed", "updated", "uninstalled", "crashed"),
            new StringField("label", false, 256),
            new StringField("windowTitle", false, 1024)));

    public static readonly TopicDefinition Notifications = RawTopic(
        "os.events.notifications.raw", typeof(NotificationObserved),
        "A system notification was posted, removed or clicked.",
        new(
            new StringField("app", true, 256),
            new EnumField("action", true, "posted", "removed", "clicked"),
            new StringField("notificationId", false, 256),
            new StringField("title", false, 1024),
            new StringField("text", false, 10_000),
            new StringField("category", false, 64)));

    public static readonly TopicDefinition Clipboard = RawTopic(
        "digital.clipboard.raw", typeof(ClipboardCopied),
        "Text copied to the clipboard, with its MIME type and the app it came from.",
        new(
            new StringField("content", true, 100_000),
            new StringField("contentType", false, 255),
            new StringField("sourceApp", false, 256)));

    public static readonly TopicDefinition WebAnalytics = RawTopic(
        "digital.web_analytics.raw", typeof(PageVisited),
        "A browser page event from the extension: visit, leave (with time on page), focus or blur.",
        new(
            new UrlField("url", true),
            new EnumField("action", true, "visit", "leave", "focus", "blur"),
            new StringField("title", false, 2048),
            // A week: tabs left open longer are not being read.
            new NumberField("durationSeconds", false, 0, 604_800),
            new StringField("browser", false, 64),
            new StringField("tabId", false, 128)));

    // ---- Raw: external importers -----------------------------------------------------------------------------

    public static readonly TopicDefinition TwitterLiked = RawTopic(
        "external.twitter.liked.raw", typeof(TweetLiked),
        "A liked Twitter/X post scraped by the importer.",
        new(
            new StringField("tweetId", true, 64),
            new UrlField("url", true),
            new StringField("author", false, 100),
            // Long posts run to 25 000 characters.
            new StringField("text", false, 25_000),
            new TimestampField("createdAt", false),
            new TimestampField("likedAt", false)));

    public static readonly TopicDefinition CalendarEvents = RawTopic(
        "external.calendar.events.raw", typeof(CalendarEventSynced),
        "A calendar event as last synced; a later sync of the same eventId supersedes it.",
        new(
            new StringField("eventId", true, 1024),
            new TimestampField("start", true),
            new TimestampField("end", true),
            new StringField("title", false, 1024),
            new BooleanField("allDay", false),
            new StringField("location", false, 1024),
            new StringField("description", false, 20_000),
            new ArrayField("attendees", false, new StringField("attendee", true, 320), MaxItems: 1000),
            new EnumField("status", false, "confirmed", "tentative", "cancelled"),
            new StringField("calendar", false, 256)));

    public static readonly TopicDefinition EmailEvents = RawTopic(
        "external.email.events.raw", typeof(EmailMessageSynced),
        "An email received or sent, as synced: headers and a snippet, not the body.",
        new(
            // RFC 5322 caps a header line at 998 characters.
            new StringField("messageId", true, 998),
            new EnumField("direction", true, "received", "sent"),
            new StringField("from", true, 512),
            new ArrayField("to", false, new StringField("to", true, 512), MaxItems: 1000),
            new ArrayField("cc", false, new StringField("cc", true, 512), MaxItems: 1000),
            // Mail with an empty subject is common; it is still a subject.
            new StringField("subject", false, 2048, AllowEmpty: true),
            new TimestampField("receivedAt", false),
            new StringField("threadId", false, 256),
            new StringField("snippet", false, 1000),
            new ArrayField("labels", false, new StringField("label", true, 128), MaxItems: 100)));

    // ---- Raw: tasks, journal and knowledge (names without .raw, so their event types are spelled out) ----------

    public static readonly TopicDefinition UrlIngest = RawTopic(
        "task.url.ingest", typeof(UrlSubmitted),
        "A URL to archive or extract (web page, PDF, Twitter/X post); kind hints which worker takes it.",
        new(
            new UrlField("url", true),
            new EnumField("kind", false, "auto", "web", "pdf", "twitter"),
            new StringField("title", false, 2048),
            new StringField("note", false, 10_000)),
        key: TopicKey.Url,
        eventType: "task.url");

    public static readonly TopicDefinition JournalEntry = RawTopic(
        "journal.entry.raw", typeof(JournalEntryWritten),
        "A free-text journal entry, parsed later into facts with confidence.",
        new(
            new StringField("text", true, MaxJournalLength),
            new StringField("title", false, 512),
            Tags()),
        key: TopicKey.User);

    public static readonly TopicDefinition KnowledgeItem = RawTopic(
        "knowledge.item.ingest", typeof(KnowledgeItemSubmitted),
        "A note, link, image or PDF to keep, chunk and index for semantic search.",
        new(
            new EnumField("kind", true, "note", "link", "image", "pdf"),
            new StringField("title", false, 1024),
            new StringField("text", false, 500_000),
            new EnumField("format", false, "plain", "markdown"),
            new UrlField("url", false),
            new ObjectField("blob", false, Blob),
            Tags()),
        key: TopicKey.User,
        eventType: "knowledge.item");

    // ---- Processed ---------------------------------------------------------------------------------------------

    public static readonly TopicDefinition AudioVadFiltered = ProcessedTopic(
        "media.audio.vad_filtered", typeof(SpeechSegmentsDetected), TopicKey.FileId,
        "The speech segments voice-activity detection found in an audio chunk.",
        new StringField("fileId", true, 128),
        new ObjectField("blob", true, Blob),
        new ArrayField("segments", false, new ObjectField("segment", true, new(
            new NumberField("startMs", true, 0, MaxChunkMs),
            new NumberField("endMs", true, 0, MaxChunkMs),
            new NumberField("probability", true, 0, 1))), MaxItems: 10_000),
        Model());

    public static readonly TopicDefinition TranscribedWords = ProcessedTopic(
        "media.text.transcribed.words", typeof(TranscriptProduced), TopicKey.FileId,
        "A word-by-word transcript of an audio chunk, each word with its start and end time.",
        new StringField("fileId", true, 128),
        // A chunk of speech can transcribe to nothing (mumbling, music); that is a result, not an error.
        new StringField("text", false, 200_000, AllowEmpty: true),
        new ArrayField("words", false, new ObjectField("word", true, new(
            new StringField("word", true, 256),
            new NumberField("startMs", true, 0, MaxChunkMs),
            new NumberField("endMs", true, 0, MaxChunkMs),
            new NumberField("confidence", false, 0, 1))), MaxItems: 50_000),
        new StringField("language", false, 35),
        Model());

    public static readonly TopicDefinition ImageAnalysis = ProcessedTopic(
        "media.image.analysis.moondream_results", typeof(ImageDescribed), TopicKey.Device,
        "A vision model's caption, objects and gaze for a camera photo or screenshot.",
        new StringField("sourceSha256", true, 64),
        new StringField("caption", false, 10_000),
        new ArrayField("objects", false, new ObjectField("object", true, new(
            new StringField("label", true, 128),
            new NumberField("confidence", false, 0, 1),
            new ObjectField("box", false, Box))), MaxItems: 1000),
        new ObjectField("gaze", false, new(
            new NumberField("x", true, 0, 1),
            new NumberField("y", true, 0, 1),
            new NumberField("confidence", false, 0, 1))),
        Model());

    public static readonly TopicDefinition VideoAnalysis = ProcessedTopic(
        "media.video.analysis.yolo_results", typeof(FrameObjectsDetected), TopicKey.Device,
        "Objects detected and tracked in a screen keyframe, with a motion score from optical flow.",
        new StringField("sourceSha256", true, 64),
        new ArrayField("detections", false, new ObjectField("detection", true, new(
            new StringField("label", true, 128),
            new NumberField("confidence", true, 0, 1),
            new ObjectField("box", true, Box),
            new NumberField("trackId", false, 0, int.MaxValue, IsInteger: true))), MaxItems: 1000),
        new NumberField("motionScore", false, 0, 1),
        Model());

    public static readonly TopicDefinition SceneReconstruction = ProcessedTopic(
        "analysis.3d_reconstruction.dustr_results", typeof(SceneReconstructed), TopicKey.Device,
        "A 3D reconstruction of the surroundings from a paired front and rear frame.",
        new StringField("frontSha256", true, 64),
        new StringField("rearSha256", true, 64),
        new ObjectField("pointCloud", false, Blob),
        new NumberField("pointCount", false, 0, MaxExactInteger, IsInteger: true),
        Model());

    public static readonly TopicDefinition InferredContext = ProcessedTopic(
        "analysis.inferred_context.qwen_results", typeof(ContextInferred), TopicKey.Device,
        "A model's guess at context (place, activity, food, people) from sampled raw audio and images.",
        new ArrayField("sourceEventIds", true, new StringField("id", true, 128), MaxItems: 100),
        new StringField("location", false, 512),
        new StringField("activity", false, 512),
        new StringField("food", false, 512),
        new ArrayField("people", false, new StringField("person", true, 256), MaxItems: 100),
        new StringField("summary", false, 4000),
        new NumberField("confidence", false, 0, 1),
        Model());

    public static readonly TopicDefinition UrlTwitterArchived = ProcessedTopic(
        "task.url.processed.twitter_archived", typeof(TweetArchived), TopicKey.Url,
        "A Twitter/X post fetched from a submitted URL and archived.",
        new UrlField("url", true),
        new StringField("tweetId", false, 64),
        new StringField("author", false, 100),
        new StringField("text", false, 25_000),
        new TimestampField("createdAt", false),
        new ObjectField("archive", false, Blob));

    public static readonly TopicDefinition UrlPdfExtracted = ProcessedTopic(
        "task.url.processed.pdf_extracted", typeof(PdfExtracted), TopicKey.Url,
        "The text, page count and optional summary extracted from a PDF at a submitted URL.",
        new UrlField("url", true),
        new StringField("title", false, 2048),
        // Scanned PDFs without a text layer extract to nothing. Kafka's default 1 MB message size bounds the rest.
        new StringField("text", false, 1_000_000, AllowEmpty: true),
        new NumberField("pageCount", false, 0, 100_000, IsInteger: true),
        new StringField("summary", false, 20_000),
        new ObjectField("blob", false, Blob),
        Model());

    public static readonly TopicDefinition JournalParsed = ProcessedTopic(
        "journal.entry.parsed", typeof(JournalEntryParsed), TopicKey.User,
        "Facts parsed from a journal entry, each with confidence and provenance (explicit, inferred or missing).",
        new StringField("entryId", true, 128),
        new ArrayField("facts", false, new ObjectField("fact", true, new(
            new StringField("field", true, 128),
            new NumberField("confidence", true, 0, 1),
            new EnumField("provenance", true, "explicit", "inferred", "missing"),
            new StringField("value", false, 2000),
            new NumberField("numericValue", false, -1e12, 1e12),
            new StringField("unit", false, 32),
            new ObjectField("span", false, new(
                new NumberField("start", true, 0, MaxJournalLength, IsInteger: true),
                new NumberField("end", true, 0, MaxJournalLength, IsInteger: true))),
            Model())), MaxItems: 500),
        Model());

    // ---- Lookups (below every definition, so none of them is read before it is set) ----------------------------

    /// <summary>Every topic, raw and processed (dead-letter topics are derived, not listed).</summary>
    public static IReadOnlyList<TopicDefinition> All { get; } =
    [
        Audio, ScreenVideo, Camera,
        Accelerometer, Gps, Barometer, Temperature, Light, Humidity, AirQuality,
        HeartRate, Steps,
        Power, Wifi, Bluetooth,
        AppLifecycle, Notifications, Clipboard, WebAnalytics,
        TwitterLiked, CalendarEvents, EmailEvents,
        UrlIngest, JournalEntry, KnowledgeItem,
        AudioVadFiltered, TranscribedWords, ImageAnalysis, VideoAnalysis,
        SceneReconstruction, InferredContext,
        UrlTwitterArchived, UrlPdfExtracted, JournalParsed,
    ];

    /// <summary>The <c>.dlq</c> topic of every topic in <see cref="All"/>, for provisioning.</summary>
    public static IReadOnlyList<string> DeadLetterTopics { get; } = [.. All.Select(t => t.DeadLetterTopic)];

    public static IEnumerable<TopicDefinition> Raw => All.Where(t => t.Stage == TopicStage.Raw);

    public static IEnumerable<TopicDefinition> Processed => All.Where(t => t.Stage == TopicStage.Processed);

    public static IEnumerable<TopicDefinition> Ingestible => All.Where(t => t.IsIngestible);

    private static readonly Dictionary<string, TopicDefinition> ByTypeIndex =
        All.Where(t => t.EventType is not null).ToDictionary(t => t.EventType!, StringComparer.Ordinal);

    private static readonly Dictionary<string, TopicDefinition> ByNameIndex =
        All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Finds the topic clients address by event type (e.g. <c>device.health.heartrate</c>).</summary>
    public static bool TryGetByEventType(string eventType, out TopicDefinition topic) =>
        ByTypeIndex.TryGetValue(eventType, out topic!);

    public static bool TryGetByName(string name, out TopicDefinition topic) => ByNameIndex.TryGetValue(name, out topic!);

    /// <summary>The message key of <paramref name="e"/> on <paramref name="topic"/>, so order holds per key.</summary>
    /// <remarks>A payload without its key field falls back to the device, which still keeps that device's order.</remarks>
    public static string KeyOf(TopicDefinition topic, LifeEvent e) => topic.Key switch
    {
        TopicKey.FileId => StringProperty(e.Data, "fileId") ?? e.Device,
        TopicKey.Url => StringProperty(e.Data, "url") ?? e.Device,
        TopicKey.User => e.User,
        _ => e.Device,
    };

    private static string? StringProperty(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    // ---- Builders ----------------------------------------------------------------------------------------------

    private static TopicDefinition Numeric(
        string name, string unit, double min, double max, string description, bool integer = false) =>
        RawTopic(name, typeof(NumericSampled), description,
            new(new NumberField("value", true, min, max, integer)), StoreProjection.Sample) with { Unit = unit };

    private static TopicDefinition RawTopic(
        string name,
        Type payloadType,
        string description,
        PayloadSchema schema,
        StoreProjection projection = StoreProjection.Event,
        TopicKey key = TopicKey.Device,
        string? eventType = null) => new()
    {
        Name = name,
        EventType = eventType ?? EventTypeOf(name),
        Stage = TopicStage.Raw,
        PayloadType = payloadType,
        Key = key,
        Projection = projection,
        Description = description,
        Schema = schema,
        Partitions = DefaultPartitions,
        // Media raw topics carry only blob references, but the blobs are what re-derivation needs: a week
        // bounds the disk they pin, while other raw topics are small enough to keep a month for replays.
        Retention = TimeSpan.FromDays(projection == StoreProjection.Media ? MediaRetentionDays : RawRetentionDays),
    };

    private static TopicDefinition ProcessedTopic(
        string name, Type payloadType, TopicKey key, string description, params FieldRule[] fields) => new()
    {
        Name = name,
        Stage = TopicStage.Processed,
        PayloadType = payloadType,
        Key = key,
        Projection = StoreProjection.Event,
        Description = description,
        Schema = new([.. fields, .. DerivedStatus]),
        Partitions = DefaultPartitions,
        Retention = TimeSpan.FromDays(ProcessedRetentionDays),
    };

    private static string EventTypeOf(string rawName) =>
        rawName.EndsWith(RawSuffix, StringComparison.Ordinal)
            ? rawName[..^RawSuffix.Length]
            : throw new ArgumentException($"{rawName} does not end in {RawSuffix}; give its event type explicitly", nameof(rawName));
}
