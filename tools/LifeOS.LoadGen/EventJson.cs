using System.Text.Json;

namespace LifeOS.LoadGen;

/// <summary>Writes simulated events in the ingest API's JSON shape, and their data objects alone for the baseline rows.</summary>
public static class EventJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Device = JsonEncodedText.Encode("device");
    private static readonly JsonEncodedText Seq = JsonEncodedText.Encode("seq");
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText X = JsonEncodedText.Encode("x");
    private static readonly JsonEncodedText Y = JsonEncodedText.Encode("y");
    private static readonly JsonEncodedText Z = JsonEncodedText.Encode("z");
    private static readonly JsonEncodedText Lat = JsonEncodedText.Encode("lat");
    private static readonly JsonEncodedText Lon = JsonEncodedText.Encode("lon");
    private static readonly JsonEncodedText Alt = JsonEncodedText.Encode("alt");
    private static readonly JsonEncodedText Accuracy = JsonEncodedText.Encode("accuracy");
    private static readonly JsonEncodedText App = JsonEncodedText.Encode("app");
    private static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");

    /// <summary>Event ids are the device name and seq: unique, and a retried request repeats them so the server dedupes it.</summary>
    public static string EventId(string device, long seq) => $"{device}-{seq}";

    public static void WriteEvent(Utf8JsonWriter writer, string device, JsonEncodedText encodedDevice, in SimulatedEvent e)
    {
        writer.WriteStartObject();
        // Formatted on the stack: one id string per event would be most of the generator's garbage.
        Span<char> id = stackalloc char[device.Length + 21];
        device.CopyTo(id);
        id[device.Length] = '-';
        e.Seq.TryFormat(id[(device.Length + 1)..], out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteString(Id, id[..(device.Length + 1 + digits)]);
        writer.WriteString(Type, TrafficModel.EncodedTypeName(e.Kind));
        writer.WriteString(Device, encodedDevice);
        writer.WriteNumber(Seq, e.Seq);
        writer.WriteString(Time, new DateTime(e.TimeTicks, DateTimeKind.Utc));
        writer.WritePropertyName(Data);
        WriteData(writer, e);
        writer.WriteEndObject();
    }

    /// <summary>The <c>data</c> object: x/y/z, lat/lon/alt/accuracy, value, or app/action, by kind.</summary>
    public static void WriteData(Utf8JsonWriter writer, in SimulatedEvent e)
    {
        writer.WriteStartObject();
        switch (e.Kind)
        {
            case EventKind.Accelerometer:
                writer.WriteNumber(X, e.A);
                writer.WriteNumber(Y, e.B);
                writer.WriteNumber(Z, e.C);
                break;
            case EventKind.Gps:
                writer.WriteNumber(Lat, e.A);
                writer.WriteNumber(Lon, e.B);
                writer.WriteNumber(Alt, e.C);
                writer.WriteNumber(Accuracy, e.D);
                break;
            case EventKind.HeartRate:
            case EventKind.Steps:
                // Whole numbers as integers: steps must be one, and "72" is what a watch sends for a pulse.
                writer.WriteNumber(Value, (long)e.A);
                break;
            case EventKind.AppLifecycle:
                writer.WriteString(App, e.App);
                writer.WriteString(Action, e.Action);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.Kind, "Unknown event kind.");
        }

        writer.WriteEndObject();
    }
}
