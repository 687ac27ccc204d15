using System.Text.Json.Nodes;

namespace LifeOS.UnitTests;

/// <summary>Good and bad payloads for every topic, generated from the catalogue and the samples.</summary>
public sealed class PayloadValidationTests
{
    private static TheoryData<string, string> SitesWhere(Func<FieldSite, bool> where)
    {
        var data = new TheoryData<string, string>();
        foreach (var topic in TopicCatalogue.All)
        {
            foreach (var site in SchemaWalker.Sites(topic).Where(where))
                data.Add(topic.Name, site.Path);
        }

        return data;
    }

    public static TheoryData<string> TopicNames() => [.. TopicCatalogue.All.Select(t => t.Name)];

    public static TheoryData<string> IngestibleEventTypes() => [.. TopicCatalogue.Ingestible.Select(t => t.EventType!)];

    public static TheoryData<string> ProcessedTopicNames() => [.. TopicCatalogue.Processed.Select(t => t.Name)];

    public static TheoryData<string, string> AllFields() => SitesWhere(_ => true);

    public static TheoryData<string, string> RequiredFields() => SitesWhere(s => s.Rule.IsRequired && !s.IsArrayItem);

    public static TheoryData<string, string> OptionalFields() => SitesWhere(s => !s.Rule.IsRequired && !s.IsArrayItem);

    public static TheoryData<string, string> NumberFields() => SitesWhere(s => s.Rule is NumberField);

    public static TheoryData<string, string> IntegerFields() =>
        SitesWhere(s => s.Rule is NumberField { IsInteger: true } n && n.Max - n.Min >= 1);

    public static TheoryData<string, string> StringFields() => SitesWhere(s => s.Rule is StringField or UrlField);

    public static TheoryData<string, string> NonEmptyStringFields() => SitesWhere(s => s.Rule is StringField { AllowEmpty: false });

    public static TheoryData<string, string> EnumFields() => SitesWhere(s => s.Rule is EnumField);

    public static TheoryData<string, string> TimestampFields() => SitesWhere(s => s.Rule is TimestampField);

    public static TheoryData<string, string> UrlFields() => SitesWhere(s => s.Rule is UrlField);

    public static TheoryData<string, string> ArrayFields() => SitesWhere(s => s.Rule is ArrayField);

    // ---- the samples themselves ----------------------------------------------------------------------------

    [Fact]
    public void Every_ingestible_type_has_a_sample_and_every_sample_is_a_known_type()
    {
        Assert.Equal(
            TopicCatalogue.Ingestible.Select(t => t.EventType!).Order(StringComparer.Ordinal),
            PayloadSamples.Ingest.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_processed_topic_has_a_sample_and_every_sample_is_a_known_topic()
    {
        Assert.Equal(
            TopicCatalogue.Processed.Select(t => t.Name).Order(StringComparer.Ordinal),
            PayloadSamples.Processed.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(IngestibleEventTypes))]
    public void The_sample_of_every_ingestible_type_validates(string eventType)
    {
        Assert.True(TopicCatalogue.TryGetByEventType(eventType, out var topic));
        Assert.Empty(SchemaWalker.Validate(topic, PayloadSamples.Ingest[eventType]));
    }

    [Theory]
    [MemberData(nameof(ProcessedTopicNames))]
    public void The_sample_of_every_processed_topic_validates(string name) =>
        Assert.Empty(SchemaWalker.Validate(SchemaWalker.Topic(name), PayloadSamples.Processed[name]));

    [Theory]
    [MemberData(nameof(AllFields))]
    public void Every_schema_field_appears_in_its_sample_so_the_generated_cases_reach_it(string topicName, string path)
    {
        var site = SchemaWalker.Site(SchemaWalker.Topic(topicName), path);
        var node = SchemaWalker.Get(JsonNode.Parse(PayloadSamples.For(SchemaWalker.Topic(topicName)))!, site.Steps);

        Assert.NotNull(node);
        if (site.Rule is ArrayField)
            Assert.NotEmpty(node.AsArray());
    }

    [Theory]
    [MemberData(nameof(TopicNames))]
    public void A_payload_with_only_its_required_fields_validates(string name)
    {
        var topic = SchemaWalker.Topic(name);
        var json = PayloadSamples.For(topic);
        foreach (var field in topic.Schema.Fields.Where(f => !f.IsRequired))
            json = SchemaWalker.Without(json, [field.Name]);

        Assert.Empty(SchemaWalker.Validate(topic, json));
    }

    [Theory]
    [MemberData(nameof(ProcessedTopicNames))]
    public void A_processed_record_can_say_it_was_skipped_and_why_without_any_output(string name)
    {
        var topic = SchemaWalker.Topic(name);
        var json = PayloadSamples.For(topic);
        foreach (var field in topic.Schema.Fields.Where(f => !f.IsRequired))
            json = SchemaWalker.Without(json, [field.Name]);
        json = SchemaWalker.With(json, ["status"], "skipped");
        json = SchemaWalker.With(json, ["reason"], "no transcription model is configured");

        Assert.Empty(SchemaWalker.Validate(topic, json));
    }

    [Theory]
    [MemberData(nameof(ProcessedTopicNames))]
    public void A_processed_record_rejects_a_status_outside_ok_skipped_failed(string name)
    {
        var topic = SchemaWalker.Topic(name);
        var json = SchemaWalker.With(PayloadSamples.For(topic), ["status"], "done");

        Assert.Equal(["data.status: must be one of ok, skipped, failed"], SchemaWalker.Validate(topic, json));
    }

    // ---- bad payloads ----------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(TopicNames))]
    public void Data_that_is_not_an_object_is_rejected_naming_data(string name)
    {
        var topic = SchemaWalker.Topic(name);
        foreach (var json in new[] { "[]", "\"text\"", "42", "true", "null", """[{ "value": 1 }]""" })
            Assert.Equal(["data: must be a JSON object"], SchemaWalker.Validate(topic, json));
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void A_missing_required_field_is_reported_as_required(string topicName, string path)
    {
        var topic = SchemaWalker.Topic(topicName);
        var site = SchemaWalker.Site(topic, path);

        Assert.Equal([site.ErrorPrefix + "is required"], SchemaWalker.Validate(topic, SchemaWalker.Without(PayloadSamples.For(topic), site.Steps)));
        Assert.Equal([site.ErrorPrefix + "is required"], SchemaWalker.Validate(topic, SchemaWalker.With(PayloadSamples.For(topic), site.Steps, null)));
    }

    [Theory]
    [MemberData(nameof(OptionalFields))]
    public void An_optional_field_may_be_absent_or_null(string topicName, string path)
    {
        var topic = SchemaWalker.Topic(topicName);
        var site = SchemaWalker.Site(topic, path);

        Assert.Empty(SchemaWalker.Validate(topic, SchemaWalker.Without(PayloadSamples.For(topic), site.Steps)));
        Assert.Empty(SchemaWalker.Validate(topic, SchemaWalker.With(PayloadSamples.For(topic), site.Steps, null)));
    }

    [Theory]
    [MemberData(nameof(AllFields))]
    public void A_value_of_the_wrong_json_type_is_rejected_naming_the_field(string topicName, string path)
    {
        var site = SchemaWalker.Site(SchemaWalker.Topic(topicName), path);
        JsonNode wrong = site.Rule switch
        {
            NumberField => "12",
            BooleanField => "true",
            ArrayField => new JsonObject(),
            ObjectField => new JsonArray(),
            _ => 42,
        };

        AssertRejected(topicName, site, wrong);
    }

    [Theory]
    [MemberData(nameof(NumberFields))]
    public void A_number_outside_its_range_is_rejected(string topicName, string path)
    {
        var site = SchemaWalker.Site(SchemaWalker.Topic(topicName), path);
        var rule = (NumberField)site.Rule;

        // Far enough out that rounding cannot bring it back in (Max + 1 is Max again at 2^53).
        AssertRejected(topicName, site, rule.Max + Math.Max(1, Math.Abs(rule.Max)), "must be between");
        AssertRejected(topicName, site, rule.Min - Math.Max(1, Math.Abs(rule.Min)), "must be between");
    }

    [Theory]
    [MemberData(nameof(NumberFields))]
    public void A_huge_number_is_rejected(string topicName, string path)
    {
        var site = SchemaWalker.Site(SchemaWalker.Topic(topicName), path);

        AssertRejected(topicName, site, 1e308, "must be between");
        AssertRejected(topicName, site, -1e308, "must be between");
        // 1e400 is valid JSON but overflows a double; it must not arrive as Infinity.
        AssertRejected(topicName, site, JsonNode.Parse("1e400")!, "must be a finite number");
    }

    [Theory]
    [MemberData(nameof(IntegerFields))]
    public void An_integer_field_rejects_a_fraction(string topicName, string path)
    {
        var site = SchemaWalker.Site(SchemaWalker.Topic(topicName), path);

        AssertRejected(topicName, site, ((NumberField)site.Rule).Min + 0.5, "must be a whole number");
    }

    [Theory]
    [MemberData(nameof(StringFields))]
    public void A_string_over_its_max_length_is_rejected(string topicName, string path)
    {
        var site = SchemaWalker.Site(SchemaWalker.Topic(topicName), path);
        var overlong = site.Rule switch
        {
            StringField s => new string('x', s.MaxLength + 1),
            UrlField u => "https://example.com/" + new string('x', u.MaxLength),
            _ => throw new InvalidOperationException(),
        };

        AssertRejected(topicName, site, overlong);
    }

    [Theory]
    [MemberData(nameof(NonEmptyStringFields))]
    public void An_empty_string_is_rejected_unless_the_field_allows_it(string topicName, string path) =>
        AssertRejected(topicName, SchemaWalker.Site(SchemaWalker.Topic(topicName), path), "", "must not be empty");

    [Theory]
    [MemberData(nameof(EnumFields))]
    public void An_enum_rejects_unknown_values_and_other_casing(string topicName, string path)
    {
        var site = SchemaWalker.Site(SchemaWalker.Topic(topicName), path);

        AssertRejected(topicName, site, "not_a_value", "must be one of");
        AssertRejected(topicName, site, ((EnumField)site.Rule).Values[0].ToUpperInvariant(), "must be one of");
    }

    [Theory]
    [MemberData(nameof(TimestampFields))]
    public void A_timestamp_without_an_offset_is_rejected(string topicName, string path)
    {
        var site = SchemaWalker.Site(SchemaWalker.Topic(topicName), path);

        AssertRejected(topicName, site, "2026-11-22T08:00:00");
        AssertRejected(topicName, site, "2026-11-22");
    }

    [Theory]
    [MemberData(nameof(UrlFields))]
    public void A_url_that_is_not_absolute_http_is_rejected(string topicName, string path)
    {
        var site = SchemaWalker.Site(SchemaWalker.Topic(topicName), path);

        foreach (var url in new[] { "ftp://example.com/file.pdf", "javascript:alert(1)", "/relative/path", "example.com" })
            AssertRejected(topicName, site, url, "must be an absolute http or https URL");
    }

    [Theory]
    [MemberData(nameof(ArrayFields))]
    public void An_array_over_its_max_items_is_rejected(string topicName, string path)
    {
        var topic = SchemaWalker.Topic(topicName);
        var site = SchemaWalker.Site(topic, path);
        var item = SchemaWalker.Get(JsonNode.Parse(PayloadSamples.For(topic))!, site.Steps)!.AsArray()[0]!;
        var array = new JsonArray([.. Enumerable.Range(0, ((ArrayField)site.Rule).MaxItems + 1).Select(_ => item.DeepClone())]);

        AssertRejected(topicName, site, array, "must have at most");
    }

    /// <summary>Puts <paramref name="value"/> at the field and checks every error names that field (and there is one).</summary>
    private static void AssertRejected(string topicName, FieldSite site, JsonNode value, string? reason = null)
    {
        var topic = SchemaWalker.Topic(topicName);
        var errors = SchemaWalker.Validate(topic, SchemaWalker.With(PayloadSamples.For(topic), site.Steps, value));

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.StartsWith(site.ErrorPrefix + (reason ?? ""), e, StringComparison.Ordinal));
    }
}
