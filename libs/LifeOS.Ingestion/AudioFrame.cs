using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LifeOS.Ingestion;

/// <summary>A binary WebSocket frame carrying an audio chunk: a length-prefixed JSON header, then the audio bytes.</summary>
/// <remarks>
/// Layout: 4-byte big-endian header length N (1..4096), N bytes of UTF-8 JSON
/// <c>{"device","seq","time","sampleRate","format","fileId","channels"?,"durationMs"?,"id"?}</c>, then the samples.
/// </remarks>
public static class AudioFrame
{
    public const int MaxHeaderBytes = 4096;

    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 8 };

    /// <summary>Splits a frame; returns an error message (naming the part at fault) when it is malformed.</summary>
    public static string? TryParse(ReadOnlyMemory<byte> frame, out MediaEventFields? fields, out ReadOnlyMemory<byte> audio)
    {
        fields = null;
        audio = default;
        if (frame.Length < 4)
            return "frame: too short for the 4-byte header length";

        var length = BinaryPrimitives.ReadUInt32BigEndian(frame.Span);
        if (length is 0 or > MaxHeaderBytes || length > frame.Length - 4)
            return $"frame: header length must be 1 to {MaxHeaderBytes} bytes and fit in the frame";

        JsonObject header;
        try
        {
            header = JsonNode.Parse(frame.Slice(4, (int)length).Span, null, StrictJson) as JsonObject ?? throw new JsonException();
            // Touch every value now: a lazily read string with invalid UTF-8 would otherwise throw later.
            _ = header.ToJsonString();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return "header: must be a JSON object of valid UTF-8 with each key once";
        }

        audio = frame[(4 + (int)length)..];
        if (audio.IsEmpty)
            return "frame: carries no audio bytes after the header";

        var data = new JsonObject();
        foreach (var name in new[] { "fileId", "sampleRate", "format", "channels", "durationMs" })
        {
            if (header[name] is { } value)
                data[name] = value.DeepClone();
        }

        fields = new MediaEventFields(
            "device.audio", Text(header, "device"), header["seq"]?.DeepClone(), Text(header, "time"), Text(header, "id"), data);
        return null;
    }

    private static string? Text(JsonObject header, string name) =>
        header[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
