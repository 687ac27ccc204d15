namespace LifeOS.UnitTests;

/// <summary>One good, complete payload per topic: every schema field present, every array with an item.</summary>
/// <remarks>
/// Complete on purpose: the generated tests mutate each field of these samples, so a field missing here would go
/// untested. <c>PayloadValidationTests</c> checks both dictionaries cover the catalogue and every field.
/// </remarks>
internal static class PayloadSamples
{
    private const string Blob = """{ "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "size": 32000, "contentType": "audio/wav" }""";
    private const string ImageBlob = """{ "sha256": "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "size": 245760, "contentType": "image/jpeg" }""";

    /// <summary>Keyed by event type: what a client sends to <c>/v1/ingest</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Ingest = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["device.audio"] = $$"""{ "fileId": "rec-2026-11-22-0800", "sampleRate": 16000, "format": "pcm_s16le", "channels": 1, "durationMs": 1000, "blob": {{Blob}} }""",
        ["device.video.screen"] = $$"""{ "blob": {{ImageBlob}}, "width": 2560, "height": 1440, "app": "code", "window": "TopicCatalogue.cs - LifeOS" }""",
        ["device.image.camera"] = $$"""{ "blob": {{ImageBlob}}, "camera": "rear", "width": 4032, "height": 3024, "pairId": "pair-0042" }""",
        ["device.sensor.accelerometer"] = """{ "x": 0.12, "y": -0.03, "z": 9.81 }""",
        ["device.sensor.gps"] = """{ "lat": 52.3676, "lon": 4.9041, "alt": -2.0, "accuracy": 4.5 }""",
        ["device.sensor.barometer"] = """{ "value": 1013.25 }""",
        ["device.sensor.temperature"] = """{ "value": 34.5 }""",
        ["device.sensor.light"] = """{ "value": 320 }""",
        ["device.sensor.humidity"] = """{ "value": 48.2 }""",
        ["device.sensor.air_quality"] = """{ "value": 42, "pm25": 8.1, "pm10": 14.3, "co2": 612, "vocIndex": 100 }""",
        ["device.health.heartrate"] = """{ "value": 72 }""",
        ["device.health.steps"] = """{ "value": 120 }""",
        ["device.state.power"] = """{ "batteryLevel": 57.5, "charging": true, "source": "usb" }""",
        ["device.network.wifi"] = """{ "connected": true, "ssid": "home-5g", "bssid": "a4:2b:b0:c1:d2:e3", "rssi": -58, "frequencyMhz": 5180 }""",
        ["device.network.bluetooth"] = """{ "devices": [ { "address": "F4:5C:89:AB:CD:EF", "name": "Pixel Buds", "rssi": -61 } ] }""",
        ["os.events.app_lifecycle"] = """{ "app": "org.mozilla.firefox", "action": "foreground", "label": "Firefox", "windowTitle": "LifeOS design" }""",
        ["os.events.notifications"] = """{ "app": "com.whatsapp", "action": "posted", "notificationId": "0|com.whatsapp|1|null|10123", "title": "Sam", "text": "Lunch at 1?", "category": "msg" }""",
        ["digital.clipboard"] = """{ "content": "https://arxiv.org/abs/2312.14132", "contentType": "text/uri-list", "sourceApp": "org.mozilla.firefox" }""",
        ["digital.web_analytics"] = """{ "url": "https://en.wikipedia.org/wiki/Quantified_self", "action": "leave", "title": "Quantified self - Wikipedia", "durationSeconds": 184.5, "browser": "firefox", "tabId": "17" }""",
        ["external.twitter.liked"] = """{ "tweetId": "1727000000000000000", "url": "https://x.com/someone/status/1727000000000000000", "author": "@someone", "text": "A thread on sleep and HRV.", "createdAt": "2026-11-20T18:04:00Z", "likedAt": "2026-11-21T07:30:00+01:00" }""",
        ["external.calendar.events"] = """{ "eventId": "4vq2kh9c0e3m1g7u5p6s8r0t2b", "start": "2026-11-23T09:30:00+01:00", "end": "2026-11-23T10:00:00+01:00", "title": "Stand-up", "allDay": false, "location": "Room 4.12", "description": "Daily sync.", "attendees": [ "sam@example.com", "kim@example.com" ], "status": "confirmed", "calendar": "Work" }""",
        ["external.email.events"] = """{ "messageId": "<CAF=abc123@mail.example.com>", "direction": "received", "from": "Kim <kim@example.com>", "to": [ "me@example.com" ], "cc": [ "sam@example.com" ], "subject": "Slides for Monday", "receivedAt": "2026-11-22T07:45:12Z", "threadId": "18c1f2a3b4", "snippet": "Here are the slides we talked about...", "labels": [ "INBOX", "IMPORTANT" ] }""",
        ["task.url"] = """{ "url": "https://arxiv.org/pdf/2312.14132", "kind": "pdf", "title": "DUSt3R", "note": "read before Friday" }""",
        ["journal.entry"] = """{ "text": "Slept about 7 hours, ran 5 km before work. Felt focused until lunch.", "title": "Saturday", "tags": [ "running", "sleep" ] }""",
        ["knowledge.item"] = $$"""{ "kind": "note", "title": "Sourdough ratios", "text": "# Levain\n1:5:5 at 26 °C", "format": "markdown", "url": "https://example.com/sourdough", "blob": {{ImageBlob}}, "tags": [ "baking" ] }""",
    };

    /// <summary>Keyed by topic name: what a worker writes (no client sends these).</summary>
    public static readonly IReadOnlyDictionary<string, string> Processed = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["media.audio.vad_filtered"] = $$"""{ "fileId": "rec-2026-11-22-0800", "blob": {{Blob}}, "segments": [ { "startMs": 120, "endMs": 940.5, "probability": 0.93 } ], "model": "silero-vad@5.1", "status": "ok", "reason": "speech found" }""",
        ["media.text.transcribed.words"] = """{ "fileId": "rec-2026-11-22-0800", "text": "good morning", "words": [ { "word": "good", "startMs": 120, "endMs": 380, "confidence": 0.98 } ], "language": "en-GB", "model": "parakeet-tdt-0.6b-v2", "status": "ok", "reason": "transcribed" }""",
        ["media.image.analysis.moondream_results"] = """{ "sourceSha256": "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "caption": "A desk with a laptop and a mug.", "objects": [ { "label": "mug", "confidence": 0.88, "box": { "x": 0.61, "y": 0.52, "width": 0.1, "height": 0.14 } } ], "gaze": { "x": 0.45, "y": 0.4, "confidence": 0.7 }, "model": "moondream-2b-2025-04-14-4bit", "status": "ok", "reason": "described" }""",
        ["media.video.analysis.yolo_results"] = """{ "sourceSha256": "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "detections": [ { "label": "person", "confidence": 0.91, "box": { "x": 0.1, "y": 0.2, "width": 0.3, "height": 0.6 }, "trackId": 7 } ], "motionScore": 0.12, "model": "yolo11n", "status": "ok", "reason": "detected" }""",
        ["analysis.3d_reconstruction.dustr_results"] = $$"""{ "frontSha256": "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "rearSha256": "fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9", "pointCloud": {{Blob}}, "pointCount": 1048576, "model": "dust3r-vitl-512", "status": "ok", "reason": "reconstructed" }""",
        ["analysis.inferred_context.qwen_results"] = """{ "sourceEventIds": [ "01JD8X3K9Q2W4E6R8T0Y2U4I6O" ], "location": "a busy café", "activity": "working on a laptop", "food": "flat white", "people": [ "one other person across the table" ], "summary": "Working in a café mid-morning.", "confidence": 0.62, "model": "qwen2.5-omni-7b", "status": "ok", "reason": "inferred" }""",
        ["task.url.processed.twitter_archived"] = $$"""{ "url": "https://x.com/someone/status/1727000000000000000", "tweetId": "1727000000000000000", "author": "@someone", "text": "A thread on sleep and HRV.", "createdAt": "2026-11-20T18:04:00Z", "archive": {{ImageBlob}}, "status": "ok", "reason": "archived" }""",
        ["task.url.processed.pdf_extracted"] = $$"""{ "url": "https://arxiv.org/pdf/2312.14132", "title": "DUSt3R: Geometric 3D Vision Made Easy", "text": "Multi-view stereo reconstruction...", "pageCount": 24, "summary": "Pointmap regression for 3D reconstruction.", "blob": {{ImageBlob}}, "model": "onefilellm", "status": "ok", "reason": "extracted" }""",
        ["journal.entry.parsed"] = """{ "entryId": "01JD8X3K9Q2W4E6R8T0Y2U4I6O", "facts": [ { "field": "sleep.hours", "confidence": 0.8, "provenance": "explicit", "value": "about 7 hours", "numericValue": 7, "unit": "h", "span": { "start": 0, "end": 20 }, "model": "gemini-2.5-flash" } ], "model": "gemini-2.5-flash", "status": "ok", "reason": "parsed" }""",
    };

    /// <summary>The complete sample of a topic, from whichever dictionary holds it.</summary>
    public static string For(TopicDefinition topic) =>
        topic.EventType is { } type ? Ingest[type] : Processed[topic.Name];
}
