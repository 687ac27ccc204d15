using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LifeOS.Contracts;

namespace LifeOS.Api.Tests;

/// <summary>What one barrage request must get back.</summary>
internal abstract record Expectation;

/// <summary>The whole request is refused: this status, problem+json, naming this field.</summary>
internal sealed record WholeBodyProblem(int Status, string Field) : Expectation;

/// <summary>202 with exactly <see cref="Accepted"/> accepted and each listed index rejected naming one of its fields.</summary>
/// <param name="ProblemAllowed">A 400 naming <c>body</c> is an acceptable answer too (the body may be refused as a whole).</param>
internal sealed record BatchOutcome(int Accepted, IReadOnlyDictionary<int, string[]> Rejected, bool ProblemAllowed = false) : Expectation;

/// <summary>202 accepting nothing: NDJSON made of lines that are all garbage or blank.</summary>
internal sealed record NothingAccepted : Expectation;

internal sealed record PlannedRequest(string Category, string Path, Func<HttpContent> Content, Expectation Expect);

/// <summary>The barrage, generated from one seed: whole-request garbage plus batches where bad events sit between valid ones.</summary>
internal sealed class BarragePlan
{
    public const int MaxBodyBytes = 256 * 1024;
    public const int MaxEventsPerRequest = 500;
    public const int MaxMediaBytes = 64 * 1024;
    public const string BadDevice = "bad-dev";

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Marker = "@@MARK@@";

    private readonly Random _random;
    private int _validCount;
    private int _badCount;

    private BarragePlan(int seed) => _random = new Random(seed);

    public List<PlannedRequest> Requests { get; } = [];

    /// <summary>Ids of the valid events sent: exactly these must be stored.</summary>
    public List<string> ValidIds { get; } = [];

    public Dictionary<string, int> ValidByType { get; } = new(StringComparer.Ordinal);

    /// <summary>Malformed requests plus malformed events sent.</summary>
    public int Malformed { get; private set; }

    public HashSet<string> BrokenPayloadTypes { get; } = new(StringComparer.Ordinal);

    public static BarragePlan Generate(int seed, int malformedTarget)
    {
        var plan = new BarragePlan(seed);
        while (plan.Malformed < malformedTarget)
        {
            var roll = plan._random.Next(100);
            if (roll < 22)
                plan.AddWholeBodyGarbage();
            else if (roll < 28)
                plan.AddMediaGarbage();
            else
                plan.AddBatch(ndjson: roll >= 60);
        }

        return plan;
    }

    // ---- Events ---------------------------------------------------------------------------------------------

    private string NextTime()
    {
        var time = Start.AddSeconds(_random.Next(7 * 86_400)).AddMilliseconds(_random.Next(1000));
        // Some with an offset other than Z: the same instant, written differently.
        return _random.Next(5) == 0
            ? time.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    private JsonObject NextValid()
    {
        var topic = Payloads.JsonTypes[_random.Next(Payloads.JsonTypes.Count)];
        var n = _validCount++;
        var id = $"ok-{n:00000}";
        ValidIds.Add(id);
        ValidByType[topic.EventType!] = ValidByType.GetValueOrDefault(topic.EventType!) + 1;
        return Api.Event(topic.EventType!, $"dev-{n % 11}", n, NextTime(), Payloads.ValidFor(topic.EventType!, _random), id);
    }

    /// <summary>An event that would be valid (for the bad device, so a wrongly accepted one stands out) before it is broken.</summary>
    private JsonObject BadBase(TopicDefinition? topic = null)
    {
        topic ??= Payloads.JsonTypes[_random.Next(Payloads.JsonTypes.Count)];
        var n = _badCount++;
        return Api.Event(topic.EventType!, BadDevice, 1_000_000 + n, NextTime(), Payloads.ValidFor(topic.EventType!, _random),
            _random.Next(2) == 0 ? $"bad-{n:00000}" : null);
    }

    private static JsonNode Raw(string json) => JsonNode.Parse(json)!;

    /// <summary>Bad events that are still JSON, so they fit in a JSON array too: (kind, fields the error may name, event).</summary>
    private (string Kind, string[] Fields, byte[] Json) NextBadJsonEvent()
    {
        var (kind, fields, json) = NextBadJsonEventText();
        // Raw numbers must reach the wire as written, or the event is not the one the kind claims.
        foreach (var raw in new[] { "1e400", "1e308", "9223372036854775808", "9007199254740992" })
        {
            if (kind.EndsWith(raw, StringComparison.Ordinal) && !json.Contains(raw, StringComparison.Ordinal))
                throw new InvalidOperationException($"{kind} lost its number: {json}");
        }

        return (kind, fields, Encoding.UTF8.GetBytes(json));
    }

    private (string Kind, string[] Fields, string Json) NextBadJsonEventText()
    {
        var e = BadBase();
        var pick = _random.Next(64);
        switch (pick)
        {
            case 0: e["type"] = 5; return ("type-number", ["type"], J(e));
            case 1: e.Remove("type"); return ("type-missing", ["type"], J(e));
            case 2: e["type"] = ""; return ("type-empty", ["type"], J(e));
            case 3: e["type"] = "device.health.heartbeat"; return ("type-unknown", ["type"], J(e));
            case 4: e["type"] = new string('t', 10_000); return ("type-huge", ["type"], J(e));
            case 5: e["type"] = "device.health.heartrate.raw"; return ("type-topic-name", ["type"], J(e));
            case 6: e["type"] = "device.health.heart\u0000rate"; return ("type-control-char", ["type"], J(e));
            case 7:
                var media = Payloads.MediaTypes[_random.Next(Payloads.MediaTypes.Count)];
                e["type"] = media.EventType;
                e["data"] = MediaPayload(media.EventType!);
                return ("type-media-on-ingest", ["type"], J(e));
            case 8: e.Remove("device"); return ("device-missing", ["device"], J(e));
            case 9: e["device"] = 42; return ("device-number", ["device"], J(e));
            case 10: e["device"] = new JsonObject { ["name"] = "x" }; return ("device-object", ["device"], J(e));
            case 11: e["device"] = ""; return ("device-empty", ["device"], J(e));
            case 12: e["device"] = new string('d', 129); return ("device-long", ["device"], J(e));
            case 13: e["device"] = "bad\u0007dev"; return ("device-control-char", ["device"], J(e));
            case 14: e.Remove("seq"); return ("seq-missing", ["seq"], J(e));
            case 15: e["seq"] = "7"; return ("seq-string", ["seq"], J(e));
            case 16: e["seq"] = -1; return ("seq-negative", ["seq"], J(e));
            case 17: e["seq"] = 1.5; return ("seq-fraction", ["seq"], J(e));
            case 18: e["seq"] = Raw("1e400"); return ("seq-1e400", ["seq"], J(e));
            case 19: e["seq"] = Raw("1e308"); return ("seq-1e308", ["seq"], J(e));
            case 20: e["seq"] = Raw("9223372036854775808"); return ("seq-2^63", ["seq"], J(e));
            case 21: e["seq"] = Raw("9007199254740992"); return ("seq-2^53", ["seq"], J(e));
            case 22: e["seq"] = true; return ("seq-bool", ["seq"], J(e));
            case 23: e["seq"] = null; return ("seq-null", ["seq"], J(e));
            case 24: e["seq"] = Raw("-1e400"); return ("seq-minus-1e400", ["seq"], J(e));
            case 25: e.Remove("time"); return ("time-missing", ["time"], J(e));
            case 26: e["time"] = 1_700_000_000; return ("time-number", ["time"], J(e));
            case 27: e["time"] = "2026-03-02T08:00:00"; return ("time-no-offset", ["time"], J(e));
            case 28: e["time"] = "1969-12-31T23:59:59Z"; return ("time-before-1970", ["time"], J(e));
            case 29: e["time"] = "2201-01-01T00:00:00Z"; return ("time-after-2200", ["time"], J(e));
            case 30: e["time"] = "yesterday"; return ("time-words", ["time"], J(e));
            case 31: e["time"] = "2026-13-02T08:00:00Z"; return ("time-month-13", ["time"], J(e));
            case 32: e["time"] = new string('9', 5000) + "Z"; return ("time-huge", ["time"], J(e));
            case 33: e["id"] = 42; return ("id-number", ["id"], J(e));
            case 34: e["id"] = ""; return ("id-empty", ["id"], J(e));
            case 35: e["id"] = new string('i', 129); return ("id-long", ["id"], J(e));
            case 36: e["id"] = "a\nb"; return ("id-control-char", ["id"], J(e));
            case 37: e["id"] = new JsonArray(); return ("id-array", ["id"], J(e));
            case 38: e.Remove("data"); return ("data-missing", ["data"], J(e));
            case 39: e["data"] = null; return ("data-null", ["data"], J(e));
            case 40: e["data"] = new JsonArray(1, 2); return ("data-array", ["data"], J(e));
            case 41: e["data"] = "value"; return ("data-string", ["data"], J(e));
            case 42: e["data"] = Raw("1e400"); return ("data-number", ["data"], J(e));
            case 43:
                e["type"] = "digital.clipboard";
                e["data"] = new JsonObject { ["content"] = new string('c', 100_001) };
                return ("data-huge-string", ["data.content"], J(e));
            case 44: return ("event-array", ["event"], J(new JsonArray(e)));
            case 45: return ("event-number", ["event"], J(Raw("1e400")));
            case 46: return ("event-string", ["event"], J("event"));
            case 47: return ("event-null", ["event"], J(null));
            case 48: return ("event-bool", ["event"], J(false));
            case 49:
                e["type"] = "device.health.heartrate";
                e["data"] = new JsonObject { ["value"] = Raw(_random.Next(2) == 0 ? "1e400" : "1e308") };
                return ("heartrate-huge-number", ["data.value"], J(e));
            case 50 or 51:
                return ("lone-surrogate-" + (pick == 50 ? "device" : "data"), ["event", pick == 50 ? "device" : "data.content"], LoneSurrogate(pick == 50));
            default:
                // Every catalogue type, round robin, with one field broken.
                var topic = Payloads.JsonTypes[_badCount % Payloads.JsonTypes.Count];
                var broken = BadBase(topic);
                var field = Payloads.Break(topic, broken["data"]!.AsObject(), _random);
                BrokenPayloadTypes.Add(topic.EventType!);
                return ($"broken-payload:{topic.EventType}", [field], J(broken));
        }
    }

    private static string J(JsonNode? node) => node?.ToJsonString() ?? "null";

    private string LoneSurrogate(bool inDevice)
    {
        var e = BadBase(TopicCatalogue.Clipboard);
        if (inDevice)
            e["device"] = Marker;
        else
            e["data"]!["content"] = Marker;
        // "\ud800" is valid JSON syntax but no string: half of a surrogate pair.
        return e.ToJsonString().Replace(Marker, "a\\ud800b", StringComparison.Ordinal);
    }

    private static JsonObject MediaPayload(string type) => type switch
    {
        "device.image.camera" => new() { ["camera"] = "front" },
        "device.video.screen" => new() { ["width"] = 1920, ["height"] = 1080 },
        "device.audio" => new() { ["fileId"] = "rec", ["sampleRate"] = 16000, ["format"] = "wav" },
        _ => throw new InvalidOperationException($"the barrage has no media payload for {type}"),
    };

    /// <summary>Lines only NDJSON can carry: not JSON at all, or not UTF-8.</summary>
    private (string Kind, string[] Fields, byte[] Line) NextGarbageLine()
    {
        switch (_random.Next(8))
        {
            case 0:
                var text = BadBase().ToJsonString();
                return ("line-truncated", ["event"], Encoding.UTF8.GetBytes(text[..(1 + _random.Next(text.Length - 2))]));
            case 1:
                var bytes = new byte[1 + _random.Next(200)];
                _random.NextBytes(bytes);
                for (var i = 0; i < bytes.Length; i++)
                {
                    if (bytes[i] == (byte)'\n')
                        bytes[i] = 0xFE;
                }

                // A first byte no JSON value starts with, so the line can never parse.
                return ("line-random-bytes", ["event"], [0xFF, .. bytes]);
            case 2: return ("line-deep-array", ["event"], Encoding.ASCII.GetBytes(new string('[', 1000) + new string(']', 1000)));
            case 3:
                return ("line-deep-object", ["event"],
                    Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000)));
            case 4: return ("line-nul-bytes", ["event"], [0, 0, 0]);
            default:
                // 0xC3 0x28: a lead byte whose follower is not a continuation byte.
                var (field, path) = _random.Next(4) switch
                {
                    0 => ("device", "device"),
                    1 => ("type", "type"),
                    2 => ("id", "id"),
                    _ => ("content", "data.content"),
                };
                var e = BadBase(TopicCatalogue.Clipboard);
                if (field == "content")
                    e["data"]!["content"] = Marker;
                else
                    e[field] = Marker;
                var json = Encoding.UTF8.GetBytes(e.ToJsonString());
                return ($"line-invalid-utf8-{field}", ["event", path], Replace(json, Encoding.ASCII.GetBytes(Marker), [0x61, 0xC3, 0x28, 0x62]));
        }
    }

    private static byte[] Replace(byte[] source, byte[] find, byte[] with)
    {
        var at = source.AsSpan().IndexOf(find);
        return at < 0 ? throw new InvalidOperationException("marker not found") : [.. source[..at], .. with, .. source[(at + find.Length)..]];
    }

    // ---- Batches: bad events between valid ones --------------------------------------------------------------

    private void AddBatch(bool ndjson)
    {
        var items = new List<(byte[] Bytes, string[]? Fields)>();
        var valid = 1 + _random.Next(4);
        var bad = 3 + _random.Next(8);
        for (var i = 0; i < valid; i++)
        {
            var e = NextValid();
            items.Add((Encoding.UTF8.GetBytes(e.ToJsonString()), null));
        }

        var large = false;
        for (var i = 0; i < bad; i++)
        {
            while (true)
            {
                var next = ndjson && _random.Next(4) == 0 ? NextGarbageLine() : NextBadJsonEvent();

                // At most one large event per batch keeps every batch under the body limit.
                if (next.Item3.Length > 4096 && large)
                    continue;
                large |= next.Item3.Length > 4096;
                items.Add((next.Item3, next.Fields));
                break;
            }
        }

        // Shuffle so bad events sit before, between and after the valid ones.
        var shuffled = items.OrderBy(_ => _random.Next()).ToList();
        var rejected = new Dictionary<int, string[]>();
        for (var i = 0; i < shuffled.Count; i++)
        {
            if (shuffled[i].Fields is { } fields)
                rejected[i] = fields;
        }

        byte[] body;
        if (ndjson)
        {
            var lines = new List<byte[]>();
            foreach (var item in shuffled)
            {
                // Blank lines take no index.
                if (_random.Next(6) == 0)
                    lines.Add(Encoding.ASCII.GetBytes(_random.Next(2) == 0 ? "" : " \t\r"));
                lines.Add(item.Bytes);
            }

            var separator = _random.Next(3) == 0 ? "\r\n"u8.ToArray() : "\n"u8.ToArray();
            body = [.. lines.SelectMany((l, i) => i == 0 ? l : [.. separator, .. l])];
        }
        else
        {
            // Joined as text, not through JsonNode: some bad events are JSON that JsonNode refuses to write.
            body = [(byte)'[', .. shuffled.SelectMany((s, i) => i == 0 ? s.Bytes : [(byte)',', .. s.Bytes]), (byte)']'];
        }

        if (body.Length > MaxBodyBytes)
            throw new InvalidOperationException($"a barrage batch is {body.Length} bytes, over the limit it is run with");
        Requests.Add(new PlannedRequest(ndjson ? "ndjson-batch" : "json-batch", "/v1/ingest",
            () => Api.Bytes(body, ndjson ? "application/x-ndjson" : "application/json"), new BatchOutcome(valid, rejected)));
        Malformed += bad;
    }

    // ---- Whole-request garbage -------------------------------------------------------------------------------

    private void AddWholeBodyGarbage()
    {
        Malformed++;
        // A batch that would be accepted, so only what the case changes about it is wrong.
        var validBatch = Encoding.UTF8.GetBytes(new JsonArray(BadBase(), BadBase()).ToJsonString());
        var otherType = Pick("text/plain", "application/xml", "application/octet-stream", "image/png", "application/x-www-form-urlencoded", "text/json");
        var scalar = Pick("42", "\"events\"", "null", "true", "1e400", "-0", "9223372036854775808", "{}x");
        var (category, body, contentType, expect) = _random.Next(26) switch
        {
            0 => ($"content-type:{otherType}", validBatch, otherType, new WholeBodyProblem(415, "Content-Type")),
            1 => ("content-type:none", validBatch, (string?)null, (Expectation)new WholeBodyProblem(415, "Content-Type")),
            2 => ("empty-json", [], "application/json", Problem400),
            3 => ("whitespace-json", " \n\t\r "u8.ToArray(), "application/json", Problem400),
            4 => ("truncated-json", validBatch[..(1 + _random.Next(validBatch.Length - 2))], "application/json", Problem400),
            5 => ("deep-array-1000", Encoding.ASCII.GetBytes(new string('[', 1000) + new string(']', 1000)), "application/json", Problem400),
            6 => ("deep-object-1000", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000)),
                "application/json", Problem400),
            7 => ("deep-inside-an-event", Encoding.ASCII.GetBytes(
                "[{\"type\":\"digital.clipboard\",\"device\":\"bad-dev\",\"seq\":1,\"time\":\"2026-03-02T08:00:00Z\",\"data\":{\"content\":\"x\",\"extra\":"
                + new string('[', 1000) + new string(']', 1000) + "}}]"), "application/json", Problem400),
            8 => ("random-bytes-json", [0xFF, .. RandomBytes(1 + _random.Next(2000))], "application/json", Problem400),
            9 => ($"scalar:{scalar}", Encoding.ASCII.GetBytes(scalar), "application/json", Problem400),
            10 => ("trailing-garbage", [.. validBatch, .. " xyz"u8.ToArray()], "application/json", Problem400),
            11 => ("two-documents", [.. validBatch, .. validBatch], "application/json", Problem400),
            12 => ("comment", [.. "/* note */ "u8.ToArray(), .. validBatch], "application/json", Problem400),
            13 => ("utf16-json", Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(validBatch)), "application/json; charset=utf-16", Problem400),
            14 => ("too-many-events-json", Encoding.ASCII.GetBytes("[" + string.Join(',', Enumerable.Repeat("{}", MaxEventsPerRequest + 1)) + "]"),
                "application/json", Problem400),
            15 => ("too-many-events-ndjson", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{}\n", MaxEventsPerRequest + 1))),
                "application/x-ndjson", Problem400),
            16 => ("over-limit-json", OverLimit(), "application/json", new WholeBodyProblem(413, "body")),
            17 => ("over-limit-ndjson", OverLimit(), "application/x-ndjson", new WholeBodyProblem(413, "body")),
            18 => ("invalid-utf8-in-a-json-body", InvalidUtf8Batch(), "application/json",
                new BatchOutcome(0, new Dictionary<int, string[]> { [0] = ["event", "device"] }, ProblemAllowed: true)),
            19 => ("ndjson-random-bytes", RandomBytes(1 + _random.Next(3000)), "application/x-ndjson", new NothingAccepted()),
            20 => ("ndjson-empty", [], "application/x-ndjson", new NothingAccepted()),
            21 => ("ndjson-blank-lines", "\n\n  \r\n\t\n"u8.ToArray(), "application/x-ndjson", new NothingAccepted()),
            22 => ("array-of-scalars", "[1,\"x\",null,true,[],1e400]"u8.ToArray(), "application/json",
                new BatchOutcome(0, Enumerable.Range(0, 6).ToDictionary(i => i, _ => new[] { "event" }))),
            23 => ("empty-array", "[]"u8.ToArray(), "application/json", new BatchOutcome(0, new Dictionary<int, string[]>())),
            24 => ("empty-object", "{}"u8.ToArray(), "application/json",
                new BatchOutcome(0, new Dictionary<int, string[]> { [0] = ["type", "device", "seq", "time", "data"] })),
            _ => ("json-null-data-array", Encoding.UTF8.GetBytes(new JsonArray(null, null).ToJsonString()), "application/json",
                new BatchOutcome(0, new Dictionary<int, string[]> { [0] = ["event"], [1] = ["event"] })),
        };

        var chunked = category.StartsWith("over-limit", StringComparison.Ordinal) && _random.Next(2) == 0;
        Requests.Add(new PlannedRequest(category + (chunked ? " (chunked)" : ""), "/v1/ingest", () =>
        {
            HttpContent content = chunked ? new StreamContent(new UnseekableStream(body)) : new ByteArrayContent(body);
            if (contentType is not null)
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return content;
        }, expect));
    }

    private static readonly WholeBodyProblem Problem400 = new(400, "body");

    private string Pick(params string[] options) => options[_random.Next(options.Length)];

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private byte[] OverLimit()
    {
        var events = new JsonArray();
        while (events.ToJsonString().Length <= MaxBodyBytes + 1000)
        {
            for (var i = 0; i < 200; i++)
                events.Add(BadBase(TopicCatalogue.HeartRate));
        }

        return Encoding.UTF8.GetBytes(events.ToJsonString());
    }

    private byte[] InvalidUtf8Batch()
    {
        var e = BadBase(TopicCatalogue.Clipboard);
        e["device"] = Marker;
        return Replace(Encoding.UTF8.GetBytes(new JsonArray(e).ToJsonString()), Encoding.ASCII.GetBytes(Marker), [0x61, 0xC3, 0x28, 0x62]);
    }

    // ---- Media garbage ---------------------------------------------------------------------------------------

    private void AddMediaGarbage()
    {
        Malformed++;
        var file = RandomBytes(1 + _random.Next(2000));
        var time = NextTime();
        string Seq() => (2_000_000 + _badCount++).ToString(CultureInfo.InvariantCulture);

        MultipartFormDataContent Form(string? type, string? device, string? seq, string? t, string? data, byte[]? bytes)
        {
            var form = new MultipartFormDataContent();
            foreach (var (name, value) in new[] { ("type", type), ("device", device), ("seq", seq), ("time", t), ("data", data) })
            {
                if (value is not null)
                    form.Add(new StringContent(value), name);
            }

            if (bytes is not null)
                form.Add(new ByteArrayContent(bytes), "file", "f.bin");
            return form;
        }

        var notMultipart = Pick("application/json", "text/plain", "application/octet-stream");
        var (category, make, expect) = _random.Next(16) switch
        {
            0 => ($"media-content-type:{notMultipart}", (Func<HttpContent>)(() => Api.Bytes(file, notMultipart)),
                (Expectation)new WholeBodyProblem(415, "Content-Type")),
            1 => ("media-missing-file", () => Form("device.image.camera", BadDevice, Seq(), time, "{\"camera\":\"front\"}", null),
                new WholeBodyProblem(400, "file")),
            2 => ("media-empty-file", () => Form("device.image.camera", BadDevice, Seq(), time, "{\"camera\":\"front\"}", []),
                new WholeBodyProblem(400, "file")),
            3 => ("media-broken-multipart",
                () => Api.Bytes("--b\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\ndevice"u8.ToArray(), "multipart/form-data; boundary=b"),
                new WholeBodyProblem(400, "body")),
            4 => ("media-over-limit", () => Form("device.image.camera", BadDevice, Seq(), time, "{\"camera\":\"front\"}", RandomBytes(MaxMediaBytes + 1)),
                new WholeBodyProblem(413, "file")),
            5 => ("media-unknown-type", () => Form("device.image.nope", BadDevice, Seq(), time, "{\"camera\":\"front\"}", file), new WholeBodyProblem(400, "type")),
            6 => ("media-json-type", () => Form("device.health.heartrate", BadDevice, Seq(), time, "{\"value\":60}", file), new WholeBodyProblem(400, "type")),
            7 => ("media-no-type", () => Form(null, BadDevice, Seq(), time, "{\"camera\":\"front\"}", file), new WholeBodyProblem(400, "type")),
            8 => ("media-bad-device", () => Form("device.image.camera", Pick("", new string('d', 129)), Seq(), time, "{\"camera\":\"front\"}", file),
                new WholeBodyProblem(400, "device")),
            9 => ("media-bad-seq", () => Form("device.image.camera", BadDevice, Pick("abc", "-3", "1.5", "1e400", "9223372036854775808", ""), time,
                "{\"camera\":\"front\"}", file), new WholeBodyProblem(400, "seq")),
            10 => ("media-bad-time", () => Form("device.image.camera", BadDevice, Seq(), Pick("yesterday", "2026-03-02T08:00:00", ""), "{\"camera\":\"front\"}", file),
                new WholeBodyProblem(400, "time")),
            11 => ("media-data-not-an-object", () => Form("device.image.camera", BadDevice, Seq(), time, Pick("{\"camera\":", "[\"front\"]", "42", "null"), file),
                new WholeBodyProblem(400, "data")),
            12 => ("media-data-deep", () => Form("device.image.camera", BadDevice, Seq(), time, new string('[', 1000) + new string(']', 1000), file),
                new WholeBodyProblem(400, "data")),
            13 => ("media-data-duplicate-keys", () => Form("device.image.camera", BadDevice, Seq(), time, "{\"camera\":\"front\",\"camera\":\"rear\"}", file),
                new WholeBodyProblem(400, "data")),
            _ => BrokenMedia(Form, Seq(), time, file),
        };
        Requests.Add(new PlannedRequest(category, "/v1/media", make, expect));
    }

    private (string, Func<HttpContent>, Expectation) BrokenMedia(
        Func<string?, string?, string?, string?, string?, byte[]?, MultipartFormDataContent> form, string seq, string time, byte[] file)
    {
        var topic = Payloads.MediaTypes[_random.Next(Payloads.MediaTypes.Count)];
        var data = MediaPayload(topic.EventType!);
        var field = Payloads.Break(topic, data, _random);
        BrokenPayloadTypes.Add(topic.EventType!);
        var json = data.ToJsonString();
        return ($"media-broken-payload:{topic.EventType}", () => form(topic.EventType, BadDevice, seq, time, json, file), new WholeBodyProblem(400, field));
    }
}
