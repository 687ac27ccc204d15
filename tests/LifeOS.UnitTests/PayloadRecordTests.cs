using System.Reflection;
using System.Text.Json;
using LifeOS.Contracts.Payloads;

namespace LifeOS.UnitTests;

/// <summary>Payload records and schemas describe the same JSON: same fields, compatible types, same optionality.</summary>
public sealed class PayloadRecordTests
{
    // Optional fields whose property is not nullable, each with the reason it is tolerated.
    private static readonly HashSet<(Type, string)> NonNullableOptional =
    [
        // Predates the nullability rule and other modules may read it as int: absent deserialises to 0, read as mono.
        (typeof(AudioChunkReceived), "channels"),
    ];

    private static readonly NullabilityInfoContext Nullability = new();

    public static TheoryData<string> TopicNames() => [.. TopicCatalogue.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(TopicNames))]
    public void The_payload_type_is_a_sealed_record_in_the_payloads_namespace(string name)
    {
        var type = SchemaWalker.Topic(name).PayloadType;

        Assert.Equal("LifeOS.Contracts.Payloads", type.Namespace);
        Assert.True(type.IsSealed, type.Name + " is not sealed");
        // The compiler gives every record a <Clone>$ method; nothing else has one.
        Assert.NotNull(type.GetMethod("<Clone>$"));
    }

    [Theory]
    [MemberData(nameof(TopicNames))]
    public void The_record_properties_match_the_schema_fields_in_name_type_and_optionality(string name)
    {
        var topic = SchemaWalker.Topic(name);
        var problems = new List<string>();

        CompareObject(topic.PayloadType, topic.Schema, "data", problems);

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(TopicNames))]
    public void A_valid_sample_reads_into_its_record_and_writes_back_valid(string name)
    {
        var topic = SchemaWalker.Topic(name);
        using var document = JsonDocument.Parse(PayloadSamples.For(topic));

        var payload = PayloadJson.Deserialize(document.RootElement, topic.PayloadType);
        Assert.IsType(topic.PayloadType, payload);

        var written = JsonSerializer.SerializeToElement(payload, topic.PayloadType, PayloadJson.Options);
        Assert.Empty(topic.Schema.Validate(written));
        // Nothing is lost on the way: every field of the sample comes back (timestamps may change offset form).
        Assert.Equal(
            document.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
            written.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_whole_number_written_as_a_float_reads_into_an_integer_property()
    {
        // Python's json module writes 16000.0; the validator accepts it, so the record must too.
        using var document = JsonDocument.Parse(
            """{ "fileId": "f", "sampleRate": 16000.0, "format": "wav", "channels": 2e0, "blob": { "sha256": "a", "size": 1.0, "contentType": "audio/wav" } }""");
        Assert.Empty(TopicCatalogue.Audio.Schema.Validate(document.RootElement));

        var chunk = PayloadJson.Deserialize<AudioChunkReceived>(document.RootElement)!;

        Assert.Equal((16000, 2, 1L), (chunk.SampleRate, chunk.Channels, chunk.Blob.Size));
    }

    [Fact]
    public void A_fraction_does_not_read_into_an_integer_property() =>
        Assert.Throws<JsonException>(() =>
            PayloadJson.Deserialize<TextSpan>(JsonDocument.Parse("""{ "start": 1.5, "end": 2 }""").RootElement));

    [Fact]
    public void A_skipped_record_reads_back_as_skipped_with_its_reason()
    {
        var written = PayloadJson.Serialize(new TranscriptProduced("rec-1", Status: ProcessingStatus.Skipped, Reason: "no model"));

        Assert.Empty(TopicCatalogue.TranscribedWords.Schema.Validate(written));
        // Absent, not null: optional output the step never produced is simply not there.
        Assert.False(written.TryGetProperty("text", out _));
        IDerivedPayload read = PayloadJson.Deserialize<TranscriptProduced>(written)!;
        Assert.Equal((ProcessingStatus.Skipped, "no model"), (read.Status, read.Reason));
    }

    private static void CompareObject(Type type, PayloadSchema schema, string path, List<string> problems)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.Ordinal);

        foreach (var extra in properties.Keys.Except(schema.Fields.Select(f => f.Name)))
            problems.Add($"{path}.{extra}: {type.Name} has a property the schema does not check");

        foreach (var field in schema.Fields)
        {
            var fieldPath = $"{path}.{field.Name}";
            if (!properties.TryGetValue(field.Name, out var property))
            {
                problems.Add($"{fieldPath}: {type.Name} has no property for it");
                continue;
            }

            var underlying = Nullable.GetUnderlyingType(property.PropertyType);
            var isNullable = underlying is not null
                || (!property.PropertyType.IsValueType && Nullability.Create(property).ReadState == NullabilityState.Nullable);
            if (field.IsRequired && isNullable)
                problems.Add($"{fieldPath}: required, but {type.Name}.{property.Name} is nullable");
            else if (!field.IsRequired && !isNullable && !NonNullableOptional.Contains((type, field.Name)))
                problems.Add($"{fieldPath}: optional, but {type.Name}.{property.Name} is not nullable");

            CompareType(underlying ?? property.PropertyType, field, fieldPath, problems);
        }
    }

    private static void CompareType(Type type, FieldRule rule, string path, List<string> problems)
    {
        var fits = rule switch
        {
            // A double holds whole numbers exactly up to 2^53, so shared numeric records (steps) may use one.
            NumberField { IsInteger: true } n => type == typeof(long)
                || (type == typeof(int) && n.Min >= int.MinValue && n.Max <= int.MaxValue)
                || (type == typeof(double) && Math.Max(Math.Abs(n.Min), Math.Abs(n.Max)) <= 9_007_199_254_740_992),
            NumberField => type == typeof(double),
            StringField or EnumField or UrlField => type == typeof(string),
            BooleanField => type == typeof(bool),
            TimestampField => type == typeof(DateTimeOffset),
            ObjectField => type.Namespace == "LifeOS.Contracts.Payloads" && type.IsClass,
            ArrayField => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>),
            _ => false,
        };
        if (!fits)
        {
            problems.Add($"{path}: a {rule.GetType().Name} cannot be read into {type.Name}");
            return;
        }

        if (rule is ObjectField objectField)
            CompareObject(type, objectField.Schema, path, problems);
        else if (rule is ArrayField arrayField)
        {
            var item = type.GetGenericArguments()[0];
            CompareType(Nullable.GetUnderlyingType(item) ?? item, arrayField.Item, path + "[]", problems);
        }
    }
}
