using System.Text.Json.Nodes;
using LifeOS.Contracts;
using LifeOS.Contracts.Validation;

namespace LifeOS.Api.Tests;

/// <summary>A valid payload for every ingestible type, and ways to break any catalogue field, for the barrage.</summary>
internal static class Payloads
{
    private static readonly Dictionary<string, Func<Random, JsonObject>> Valid = new(StringComparer.Ordinal)
    {
        ["device.sensor.accelerometer"] = r => new() { ["x"] = Round(r, -20, 20), ["y"] = Round(r, -20, 20), ["z"] = Round(r, -20, 20) },
        ["device.sensor.gps"] = r => new() { ["lat"] = Round(r, -90, 90), ["lon"] = Round(r, -180, 180), ["accuracy"] = Round(r, 0, 50) },
        ["device.sensor.barometer"] = r => new() { ["value"] = Round(r, 950, 1050) },
        ["device.sensor.temperature"] = r => new() { ["value"] = Round(r, -10, 60) },
        ["device.sensor.light"] = r => new() { ["value"] = Round(r, 0, 100_000) },
        ["device.sensor.humidity"] = r => new() { ["value"] = Round(r, 0, 100) },
        ["device.sensor.air_quality"] = r => new() { ["value"] = Round(r, 0, 500), ["pm25"] = Round(r, 0, 100) },
        ["device.health.heartrate"] = r => new() { ["value"] = r.Next(40, 200) },
        ["device.health.steps"] = r => new() { ["value"] = r.Next(0, 5000) },
        ["device.state.power"] = r => new() { ["batteryLevel"] = r.Next(0, 101), ["charging"] = r.Next(2) == 0, ["source"] = "usb" },
        ["device.network.wifi"] = r => new() { ["connected"] = true, ["ssid"] = "net-" + r.Next(100), ["rssi"] = -r.Next(30, 90) },
        ["device.network.bluetooth"] = r => new()
        {
            ["devices"] = new JsonArray(new JsonObject { ["address"] = "aa:bb:cc:dd:ee:" + r.Next(10, 99), ["name"] = "Headphones", ["rssi"] = -60 }),
        },
        ["os.events.app_lifecycle"] = r => new() { ["app"] = "com.app" + r.Next(10), ["action"] = "foreground" },
        ["os.events.notifications"] = r => new() { ["app"] = "com.chat", ["action"] = "posted", ["title"] = "Hi " + r.Next(100) },
        ["digital.clipboard"] = r => new() { ["content"] = "copied ✓ " + r.Next(), ["sourceApp"] = "com.editor" },
        ["digital.web_analytics"] = r => new() { ["url"] = $"https://example.org/{r.Next(1000)}", ["action"] = "visit" },
        ["external.twitter.liked"] = r => new() { ["tweetId"] = r.Next().ToString(), ["url"] = $"https://x.com/a/status/{r.Next()}" },
        ["external.calendar.events"] = r => new() { ["eventId"] = "cal-" + r.Next(), ["start"] = "2026-03-02T09:00:00Z", ["end"] = "2026-03-02T10:00:00Z" },
        ["external.email.events"] = r => new() { ["messageId"] = $"<{r.Next()}@example.org>", ["direction"] = "received", ["from"] = "a@example.org" },
        ["task.url"] = r => new() { ["url"] = $"https://example.org/{r.Next()}.pdf", ["kind"] = "pdf" },
        ["journal.entry"] = r => new() { ["text"] = "Slept well, ran 5 km. " + r.Next(), ["tags"] = new JsonArray("sleep", "run") },
        ["knowledge.item"] = r => new() { ["kind"] = "note", ["text"] = "A note " + r.Next() },
    };

    /// <summary>The ingestible types that travel as JSON (media types need bytes and go to /v1/media).</summary>
    public static IReadOnlyList<TopicDefinition> JsonTypes { get; } =
        [.. TopicCatalogue.Ingestible.Where(t => t.Projection != StoreProjection.Media).OrderBy(t => t.EventType, StringComparer.Ordinal)];

    public static IReadOnlyList<TopicDefinition> MediaTypes { get; } =
        [.. TopicCatalogue.Ingestible.Where(t => t.Projection == StoreProjection.Media).OrderBy(t => t.EventType, StringComparer.Ordinal)];

    public static JsonObject ValidFor(string type, Random random) =>
        Valid.TryGetValue(type, out var make)
            ? make(random)
            : throw new InvalidOperationException($"the barrage has no valid sample for the catalogue type {type}; add one to Payloads");

    /// <summary>Breaks one field of a valid payload of <paramref name="topic"/>; returns the field path the error must name.</summary>
    public static string Break(TopicDefinition topic, JsonObject data, Random random)
    {
        var rules = topic.Schema.Fields.Where(f => f.Name != "blob").ToList();
        var rule = rules[random.Next(rules.Count)];
        data[rule.Name] = BadValue(rule, random);
        return "data." + rule.Name;
    }

    private static JsonNode? BadValue(FieldRule rule, Random random)
    {
        JsonNode?[] common = rule.IsRequired ? [null] : [];
        JsonNode?[] specific = rule switch
        {
            NumberField n =>
            [
                "12", true, JsonNode.Parse("1e400"), JsonNode.Parse("-1e400"), JsonNode.Parse("1e308"), JsonNode.Parse("-1e308"),
                JsonNode.Parse("9223372036854775808"), n.Max + 1, n.Min - 1, .. n.IsInteger && n.Max > 2 ? new JsonNode?[] { n.Min + 0.5 } : [],
            ],
            StringField s => [42, new JsonArray("x"), new JsonObject(), .. s.AllowEmpty ? Array.Empty<JsonNode?>() : [""],
                .. s.MaxLength <= 20_000 ? new JsonNode?[] { new string('s', s.MaxLength + 1) } : []],
            EnumField => ["not-one-of-them", 1, false],
            BooleanField => ["true", 1, "no"],
            TimestampField => ["noon", "2026-03-02", "2026-03-02T08:00:00", 1_700_000_000],
            UrlField => ["ftp://example.org/x", "not a url", "/relative/path", 5],
            ArrayField => [new JsonObject(), "list", 3],
            ObjectField => [new JsonArray(), "object", 4],
            _ => throw new InvalidOperationException($"no way to break a {rule.GetType().Name}"),
        };
        JsonNode?[] all = [.. common, .. specific];
        // Null only for required fields: it must read as missing, while an optional field may be null.
        return all[random.Next(all.Length)]?.DeepClone();
    }

    private static double Round(Random random, double min, double max) => Math.Round(min + (random.NextDouble() * (max - min)), 3);
}
