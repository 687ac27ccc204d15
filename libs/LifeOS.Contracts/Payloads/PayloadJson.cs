using System.Text.Json;
using System.Text.Json.Serialization;

namespace LifeOS.Contracts.Payloads;

/// <summary>The JSON settings that read a validated payload into its record (and write records the way schemas expect).</summary>
public static class PayloadJson
{
    /// <summary>Web defaults (camelCase) plus whole-number reading: <c>16000.0</c> is an integer to the validator, so it must be to the records too.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static object? Deserialize(JsonElement data, Type payloadType) => data.Deserialize(payloadType, Options);

    public static T? Deserialize<T>(JsonElement data) => data.Deserialize<T>(Options);

    public static JsonElement Serialize<T>(T payload) => JsonSerializer.SerializeToElement(payload, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // An absent optional field and a null one mean the same to the schema; writing neither keeps events small.
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new WholeInt32Converter());
        options.Converters.Add(new WholeInt64Converter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    // Python's json writes 16000.0 for a float and NumberField accepts it as a whole number; the default
    // converters would reject it after validation had passed, turning a valid event into a dead letter.
    private static bool TryReadWhole(ref Utf8JsonReader reader, double min, double maxExclusive, out double value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value)
            && Math.Floor(value) == value && value >= min && value < maxExclusive;
    }

    private sealed class WholeInt32Converter : JsonConverter<int>
    {
        public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var exact))
                return exact;
            return TryReadWhole(ref reader, int.MinValue, int.MaxValue + 1.0, out var value)
                ? (int)value
                : throw new JsonException("expected a whole number that fits in 32 bits");
        }

        public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value);
    }

    private sealed class WholeInt64Converter : JsonConverter<long>
    {
        public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var exact))
                return exact;
            // 2^63 as a double; long.MaxValue itself rounds up to it, so the bound is exclusive.
            return TryReadWhole(ref reader, long.MinValue, 9_223_372_036_854_775_808.0, out var value)
                ? (long)value
                : throw new JsonException("expected a whole number that fits in 64 bits");
        }

        public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value);
    }
}
