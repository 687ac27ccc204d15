using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using LifeOS.Contracts;

namespace LifeOS.PgBench;

/// <summary>The generated rows as the CSV files the \copy baseline loads: what the store writes to events and to samples.</summary>
internal sealed class CsvFiles(string folder)
{
    public string Events { get; } = Path.Combine(folder, "events.csv");

    public string Samples { get; } = Path.Combine(folder, "samples.csv");

    public void Write(IReadOnlyList<LifeEvent> events)
    {
        using var eventsFile = new StreamWriter(Events, false, new UTF8Encoding(false), 1 << 20);
        using var samplesFile = new StreamWriter(Samples, false, new UTF8Encoding(false), 1 << 20);
        foreach (var e in events)
        {
            // Whole microseconds, as the store keeps them.
            var time = Timestamps.FromUnixMicros(Timestamps.ToUnixMicros(e.Time)).UtcDateTime
                .ToString("yyyy-MM-dd HH:mm:ss.ffffff'+00'", CultureInfo.InvariantCulture);
            var data = Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(e.Data));
            eventsFile.Write($"{e.User},{e.Device},{e.Seq},{e.Id},{e.Type},{time},\"{data.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n");
            if (e.Type is RowGenerator.HeartRate or RowGenerator.Steps)
            {
                var value = e.Data.GetProperty("value").GetDouble().ToString("R", CultureInfo.InvariantCulture);
                samplesFile.Write($"{e.User},{e.Type},{time},{e.Id},{e.Device},{value}\n");
            }
        }
    }
}
