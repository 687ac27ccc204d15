using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace LifeOS.LoadGen;

/// <summary>What the baseline wrote and how long its inserts and commits took.</summary>
public sealed record BaselineResult(long Rows, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? Rows / Elapsed.TotalSeconds : 0;
}

/// <summary>The floor to compare with: the run's rows bulk-inserted into a fresh SQLite file with the server's durability.</summary>
public static class SqliteBaseline
{
    private const int RowsPerTransaction = 10_000;

    /// <summary>Regenerates the run's events from the seed and times inserting them.</summary>
    /// <param name="perDevice">
    /// Events to take from each device (what the run acknowledged), or null to take <paramref name="rows"/> round-robin.
    /// </param>
    public static BaselineResult Run(LoadGenOptions options, long rows, long[]? perDevice, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("lifeos-loadgen-baseline-");
        try
        {
            // Pooling off so the file is closed, and deletable, when the connection is.
            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(directory.FullName, "baseline.db"),
                Pooling = false,
            }.ToString();
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            Execute(connection, """
                CREATE TABLE events(
                    id TEXT PRIMARY KEY, type TEXT NOT NULL, device TEXT NOT NULL, seq INTEGER NOT NULL,
                    time INTEGER NOT NULL, data TEXT NOT NULL);
                """);

            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO events(id, type, device, seq, time, data) VALUES ($id, $type, $device, $seq, $time, $data)";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var type = insert.Parameters.Add("$type", SqliteType.Text);
            var device = insert.Parameters.Add("$device", SqliteType.Text);
            var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
            var time = insert.Parameters.Add("$time", SqliteType.Integer);
            var data = insert.Parameters.Add("$data", SqliteType.Text);

            var source = new RowSource(options, perDevice);
            var chunk = new Row[RowsPerTransaction];
            var written = 0L;
            var elapsed = 0L;
            while (written < rows)
            {
                // A cut-short baseline would print a rate for fewer rows than promised: stop the run instead.
                cancellationToken.ThrowIfCancellationRequested();
                // Rows are made before the clock starts: the baseline times SQLite, not the generator.
                var count = source.Fill(chunk, (int)Math.Min(RowsPerTransaction, rows - written));
                if (count == 0)
                    break;

                var started = Stopwatch.GetTimestamp();
                using (var transaction = connection.BeginTransaction())
                {
                    insert.Transaction = transaction;
                    if (written == 0)
                        insert.Prepare();
                    for (var i = 0; i < count; i++)
                    {
                        ref readonly var row = ref chunk[i];
                        id.Value = row.Id;
                        type.Value = row.Type;
                        device.Value = row.Device;
                        seq.Value = row.Seq;
                        time.Value = row.TimeMicros;
                        data.Value = row.Data;
                        insert.ExecuteNonQuery();
                    }

                    transaction.Commit();
                }

                elapsed += Stopwatch.GetTimestamp() - started;
                written += count;
            }

            return new BaselineResult(written, Stopwatch.GetElapsedTime(0, elapsed));
        }
        finally
        {
            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp file is not worth failing a finished run over.
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private readonly record struct Row(string Id, string Type, string Device, long Seq, long TimeMicros, string Data);

    /// <summary>Replays the devices in the run's round-robin order, each up to its quota.</summary>
    private sealed class RowSource(LoadGenOptions options, long[]? perDevice)
    {
        private readonly DeviceSimulator[] _devices = TrafficModel.CreateDevices(options.Devices, options.Seed, options.RunTag);
        private readonly long[] _taken = new long[options.Devices];
        private readonly ArrayBufferWriter<byte> _buffer = new(256);
        private int _next;

        public int Fill(Row[] chunk, int wanted)
        {
            var count = 0;
            var idle = 0;
            using var writer = new Utf8JsonWriter(_buffer);
            while (count < wanted && idle < _devices.Length)
            {
                var d = _next;
                _next = (_next + 1) % _devices.Length;
                if (perDevice is not null && _taken[d] >= perDevice[d])
                {
                    // Counts devices in a row that have nothing left, so the loop ends when all are spent.
                    idle++;
                    continue;
                }

                idle = 0;
                _taken[d]++;
                var e = _devices[d].Next();
                _buffer.ResetWrittenCount();
                writer.Reset(_buffer);
                EventJson.WriteData(writer, e);
                writer.Flush();
                var name = _devices[d].Name;
                chunk[count++] = new Row(
                    EventJson.EventId(name, e.Seq), TrafficModel.TypeName(e.Kind), name, e.Seq,
                    (e.TimeTicks - DateTime.UnixEpoch.Ticks) / 10, Encoding.UTF8.GetString(_buffer.WrittenSpan));
            }

            return count;
        }
    }
}
