using System.Text.RegularExpressions;
using LifeOS.Contracts.Payloads;

namespace LifeOS.UnitTests;

/// <summary>The catalogue is complete, consistent and safe to read from anywhere.</summary>
public sealed partial class TopicCatalogueTests
{
    // The spec: the seed architecture's topics plus the environment sensors, journal and knowledge. A topic added
    // to or removed from the catalogue must be added to or removed from here on purpose.
    private static readonly string[] ExpectedRaw =
    [
        "device.audio.raw",
        "device.video.screen.raw",
        "device.image.camera.raw",
        "device.sensor.accelerometer.raw",
        "device.sensor.gps.raw",
        "device.sensor.barometer.raw",
        "device.sensor.temperature.raw",
        "device.sensor.light.raw",
        "device.sensor.humidity.raw",
        "device.sensor.air_quality.raw",
        "device.health.heartrate.raw",
        "device.health.steps.raw",
        "device.state.power.raw",
        "device.network.wifi.raw",
        "device.network.bluetooth.raw",
        "os.events.app_lifecycle.raw",
        "os.events.notifications.raw",
        "digital.clipboard.raw",
        "digital.web_analytics.raw",
        "external.twitter.liked.raw",
        "external.calendar.events.raw",
        "external.email.events.raw",
        "task.url.ingest",
        "journal.entry.raw",
        "knowledge.item.ingest",
    ];

    private static readonly string[] ExpectedProcessed =
    [
        "media.audio.vad_filtered",
        "media.text.transcribed.words",
        "media.image.analysis.moondream_results",
        "media.video.analysis.yolo_results",
        "analysis.3d_reconstruction.dustr_results",
        "analysis.inferred_context.qwen_results",
        "task.url.processed.twitter_archived",
        "task.url.processed.pdf_extracted",
        "journal.entry.parsed",
    ];

    // Names without ".raw" whose event types cannot be derived from the name.
    private static readonly Dictionary<string, string> ExplicitEventTypes = new(StringComparer.Ordinal)
    {
        ["task.url.ingest"] = "task.url",
        ["knowledge.item.ingest"] = "knowledge.item",
    };

    private static readonly string[] HighRate =
        ["device.sensor.accelerometer.raw", "device.audio.raw", "device.health.heartrate.raw", "device.sensor.gps.raw"];

    private static readonly string[] ShortLivedMedia =
        ["device.audio.raw", "device.video.screen.raw", "device.image.camera.raw"];

    [GeneratedRegex(@"^[a-z0-9_]+(\.[a-z0-9_]+)+$")]
    private static partial Regex TopicNamePattern();

    public static TheoryData<string> TopicNames() => [.. TopicCatalogue.All.Select(t => t.Name)];

    private static TopicDefinition Topic(string name) => SchemaWalker.Topic(name);

    [Fact]
    public void No_entry_is_null_so_static_initialisation_ran_in_order()
    {
        Assert.All(TopicCatalogue.All, Assert.NotNull);
        Assert.All(TopicCatalogue.All, t => Assert.NotNull(t.Schema));
        Assert.All(TopicCatalogue.DeadLetterTopics, Assert.NotNull);
    }

    [Fact]
    public void Names_are_unique()
    {
        var duplicates = TopicCatalogue.All.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Event_types_are_unique()
    {
        var duplicates = TopicCatalogue.All.Where(t => t.EventType is not null)
            .GroupBy(t => t.EventType).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Raw_topics_are_exactly_the_specified_ones() =>
        Assert.Equal(ExpectedRaw.Order(StringComparer.Ordinal), TopicCatalogue.Raw.Select(t => t.Name).Order(StringComparer.Ordinal));

    [Fact]
    public void Processed_topics_are_exactly_the_specified_ones() =>
        Assert.Equal(
            ExpectedProcessed.Order(StringComparer.Ordinal),
            TopicCatalogue.Processed.Select(t => t.Name).Order(StringComparer.Ordinal));

    [Fact]
    public void Every_topic_is_raw_or_processed_never_a_dead_letter_entry() =>
        Assert.Equal(TopicCatalogue.All.Count, TopicCatalogue.Raw.Count() + TopicCatalogue.Processed.Count());

    [Theory]
    [MemberData(nameof(TopicNames))]
    public void Every_name_is_dot_separated_lower_snake_case(string name) => Assert.Matches(TopicNamePattern(), name);

    [Fact]
    public void Every_raw_topic_is_ingestible_and_no_processed_topic_is()
    {
        Assert.Equal(TopicCatalogue.Raw, TopicCatalogue.Ingestible);
        Assert.All(TopicCatalogue.Processed, t => Assert.Null(t.EventType));
    }

    [Fact]
    public void An_ingestible_event_type_is_its_topic_name_without_raw_unless_spelled_out()
    {
        foreach (var topic in TopicCatalogue.Ingestible)
        {
            var expected = ExplicitEventTypes.TryGetValue(topic.Name, out var type)
                ? type
                : topic.Name[..^".raw".Length];
            Assert.True(
                topic.Name.EndsWith(".raw", StringComparison.Ordinal) || ExplicitEventTypes.ContainsKey(topic.Name),
                topic.Name + " is raw but neither ends in .raw nor spells out its event type");
            Assert.Equal(expected, topic.EventType);
        }
    }

    [Fact]
    public void Numeric_sample_topics_have_a_unit_and_a_required_value_number()
    {
        var samples = TopicCatalogue.All.Where(t => t.Projection == StoreProjection.Sample).ToList();

        Assert.Equal(7, samples.Count);
        Assert.All(samples, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Unit), t.Name + " has no unit");
            var value = Assert.IsType<NumberField>(Assert.Single(t.Schema.Fields, f => f.Name == "value"));
            Assert.True(value.IsRequired, t.Name + ": value must be required");
        });
    }

    [Theory]
    [InlineData("device.sensor.barometer.raw", "hPa", 300, 1100)]
    [InlineData("device.sensor.temperature.raw", "Cel", -40, 130)]
    [InlineData("device.sensor.light.raw", "lx", 0, 200_000)]
    [InlineData("device.sensor.humidity.raw", "%", 0, 100)]
    [InlineData("device.sensor.air_quality.raw", "aqi", 0, 1000)]
    [InlineData("device.health.heartrate.raw", "bpm", 20, 300)]
    public void Environment_and_health_samples_have_their_unit_and_range(string name, string unit, double min, double max)
    {
        var topic = Topic(name);
        var value = (NumberField)topic.Schema.Fields.Single(f => f.Name == "value");

        Assert.Equal(unit, topic.Unit);
        Assert.Equal((min, max), (value.Min, value.Max));
    }

    [Fact]
    public void Media_topics_carry_a_required_blob_reference()
    {
        var media = TopicCatalogue.All.Where(t => t.Projection == StoreProjection.Media).Select(t => t.Name);
        Assert.Equal(ShortLivedMedia.Order(StringComparer.Ordinal), media.Order(StringComparer.Ordinal));

        Assert.All(ShortLivedMedia, name =>
            Assert.True(Topic(name).Schema.Fields.Single(f => f.Name == "blob") is ObjectField { IsRequired: true }));
    }

    [Fact]
    public void Processed_topics_are_timeline_events_whose_payload_can_report_a_skip()
    {
        Assert.All(TopicCatalogue.Processed, t =>
        {
            Assert.Equal(StoreProjection.Event, t.Projection);
            Assert.True(typeof(IDerivedPayload).IsAssignableFrom(t.PayloadType), t.PayloadType.Name + " is not IDerivedPayload");

            var status = Assert.IsType<EnumField>(t.Schema.Fields.Single(f => f.Name == "status"));
            Assert.False(status.IsRequired);
            Assert.Equal([ProcessingStatus.Ok, ProcessingStatus.Skipped, ProcessingStatus.Failed], status.Values);
            Assert.False(Assert.IsType<StringField>(t.Schema.Fields.Single(f => f.Name == "reason")).IsRequired);
        });
    }

    [Fact]
    public void Raw_payloads_do_not_claim_to_be_derived() =>
        Assert.All(TopicCatalogue.Raw, t => Assert.False(typeof(IDerivedPayload).IsAssignableFrom(t.PayloadType), t.Name));

    [Theory]
    [MemberData(nameof(TopicNames))]
    public void Partitions_follow_the_rate_of_the_topic(string name) =>
        Assert.Equal(HighRate.Contains(name) ? 6 : 3, Topic(name).Partitions);

    [Theory]
    [MemberData(nameof(TopicNames))]
    public void Retention_is_a_week_for_raw_media_a_month_for_other_raw_and_a_year_for_processed(string name)
    {
        var topic = Topic(name);
        var expectedDays = topic.Stage == TopicStage.Processed ? 365 : ShortLivedMedia.Contains(name) ? 7 : 30;

        Assert.Equal(TimeSpan.FromDays(expectedDays), topic.Retention);
        Assert.Equal("delete", topic.CleanupPolicy);
    }

    [Theory]
    [MemberData(nameof(TopicNames))]
    public void Every_topic_has_a_sentence_of_description(string name)
    {
        var description = Topic(name).Description;
        Assert.True(description.Length is > 10 and <= 200, $"{name}: description length {description.Length}");
        Assert.EndsWith(".", description, StringComparison.Ordinal);
    }

    [Fact]
    public void File_keyed_topics_require_a_file_id_and_url_keyed_topics_require_a_url()
    {
        Assert.All(TopicCatalogue.All.Where(t => t.Key == TopicKey.FileId), t =>
            Assert.True(t.Schema.Fields.Single(f => f.Name == "fileId") is StringField { IsRequired: true }, t.Name));
        Assert.All(TopicCatalogue.All.Where(t => t.Key == TopicKey.Url), t =>
            Assert.True(t.Schema.Fields.Single(f => f.Name == "url") is UrlField { IsRequired: true }, t.Name));
    }

    [Theory]
    [InlineData("device.audio.raw", TopicKey.FileId)]
    [InlineData("media.audio.vad_filtered", TopicKey.FileId)]
    [InlineData("media.text.transcribed.words", TopicKey.FileId)]
    [InlineData("task.url.ingest", TopicKey.Url)]
    [InlineData("task.url.processed.pdf_extracted", TopicKey.Url)]
    [InlineData("journal.entry.raw", TopicKey.User)]
    [InlineData("journal.entry.parsed", TopicKey.User)]
    [InlineData("knowledge.item.ingest", TopicKey.User)]
    [InlineData("device.health.heartrate.raw", TopicKey.Device)]
    public void Topics_are_keyed_so_that_the_order_that_matters_holds(string name, TopicKey key) =>
        Assert.Equal(key, Topic(name).Key);

    [Fact]
    public void Every_topic_has_one_dead_letter_topic_that_is_not_itself_a_topic()
    {
        Assert.Equal(TopicCatalogue.All.Select(t => t.Name + ".dlq"), TopicCatalogue.DeadLetterTopics);
        Assert.All(TopicCatalogue.DeadLetterTopics, d => Assert.False(TopicCatalogue.TryGetByName(d, out _)));
    }

    [Theory]
    [MemberData(nameof(TopicNames))]
    public void Lookups_find_every_topic_by_name_and_event_type(string name)
    {
        Assert.True(TopicCatalogue.TryGetByName(name, out var byName));
        Assert.Equal(name, byName.Name);

        if (byName.EventType is { } type)
        {
            Assert.True(TopicCatalogue.TryGetByEventType(type, out var byType));
            Assert.Same(byName, byType);
        }
    }

    [Theory]
    [InlineData("device.health.heartrate.raw")]
    [InlineData("DEVICE.HEALTH.HEARTRATE")]
    [InlineData("media.audio.vad_filtered")]
    [InlineData("")]
    public void Event_type_lookup_rejects_topic_names_other_casing_and_processed_topics(string type) =>
        Assert.False(TopicCatalogue.TryGetByEventType(type, out _));

    [Fact]
    public void Name_lookup_is_exact() => Assert.False(TopicCatalogue.TryGetByName("device.health.heartrate", out _));

    [Fact]
    public void The_original_five_keep_their_identity() =>
        Assert.Equal(
            ["device.health.heartrate.raw", "device.health.steps.raw", "device.sensor.accelerometer.raw", "device.sensor.gps.raw", "device.audio.raw"],
            [TopicCatalogue.HeartRate.Name, TopicCatalogue.Steps.Name, TopicCatalogue.Accelerometer.Name, TopicCatalogue.Gps.Name, TopicCatalogue.Audio.Name]);
}
