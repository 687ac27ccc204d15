using System.Runtime.InteropServices;
using LifeOS.Contracts;
using LifeOS.Storage.Postgres.Schema;
using Npgsql;

namespace LifeOS.Storage.Postgres;

/// <summary>The fast write path: binary COPY of a batch straight into the events and projection tables.</summary>
/// <remarks>
/// COPY inserts a page of rows at a time; INSERT ... ON CONFLICT inserts and logs each row on its own and probes every
/// unique index twice, which measured at under half of COPY's rate. COPY cannot skip duplicates, though: the caller runs
/// it under a savepoint, and a unique violation (a replay) rolls it back and sends the batch the staging way.
/// </remarks>
internal static class DirectCopy
{
    private const string Events = "COPY events (user_id, device, seq, id, type, time, data) FROM STDIN (FORMAT BINARY)";
    private const string EventKeys = "COPY event_keys (user_id, device, seq) FROM STDIN (FORMAT BINARY)";
    private const string Samples = "COPY samples (user_id, type, time, event_id, device, value) FROM STDIN (FORMAT BINARY)";
    private const string Locations = "COPY locations (user_id, time, event_id, device, lat, lon, alt, accuracy) FROM STDIN (FORMAT BINARY)";
    private const string Motion = "COPY motion (user_id, device, time, event_id, x, y, z) FROM STDIN (FORMAT BINARY)";
    private const string Media = "COPY media (user_id, sha256, event_id, type, device, time, content_type, size) FROM STDIN (FORMAT BINARY)";

    /// <summary>Copies every row and its projection; throws a unique violation when any of them is already stored.</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<StagedEvent> rows, StoreFlavour flavour, CancellationToken cancellationToken)
    {
        // Key order: two writers copying overlapping batches then wait on each other in the same order, never crosswise.
        var sorted = rows.OrderBy(r => r.Event.User, StringComparer.Ordinal).ThenBy(r => r.Event.Device, StringComparer.Ordinal)
            .ThenBy(r => r.Event.Seq).ToList();
        if (flavour == StoreFlavour.TimescaleDb)
            await CopyTableAsync(connection, EventKeys, sorted, 3, WriteEventKey, cancellationToken).ConfigureAwait(false);
        await CopyTableAsync(connection, Events, sorted, 7, WriteEvent, cancellationToken).ConfigureAwait(false);
        await CopyProjectionAsync(connection, Samples, sorted, StoreProjection.Sample, 6, WriteSample, cancellationToken).ConfigureAwait(false);
        await CopyProjectionAsync(connection, Locations, sorted, StoreProjection.Location, 8, WriteLocation, cancellationToken).ConfigureAwait(false);
        await CopyProjectionAsync(connection, Motion, sorted, StoreProjection.Motion, 7, WriteMotion, cancellationToken).ConfigureAwait(false);
        await CopyProjectionAsync(connection, Media, sorted, StoreProjection.Media, 8, WriteMedia, cancellationToken).ConfigureAwait(false);
    }

    private static Task CopyProjectionAsync(
        NpgsqlConnection connection, string sql, List<StagedEvent> rows, StoreProjection projection, short fields,
        Action<BinaryCopyBuffer, StagedEvent> write, CancellationToken cancellationToken)
    {
        var matching = rows.Where(r => r.Projection == projection).ToList();
        return matching.Count == 0 ? Task.CompletedTask : CopyTableAsync(connection, sql, matching, fields, write, cancellationToken);
    }

    private static async Task CopyTableAsync(
        NpgsqlConnection connection, string sql, List<StagedEvent> rows, short fields,
        Action<BinaryCopyBuffer, StagedEvent> write, CancellationToken cancellationToken)
    {
        using var buffer = new BinaryCopyBuffer();
        foreach (var row in rows)
        {
            buffer.StartRow(fields);
            write(buffer, row);
        }

        buffer.Finish();
        await SendAsync(connection, sql, buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends encoded rows as one COPY; the server's verdict (a unique violation, say) is thrown when the COPY ends.</summary>
    public static async Task SendAsync(NpgsqlConnection connection, string sql, BinaryCopyBuffer buffer, CancellationToken cancellationToken)
    {
        var copy = await connection.BeginRawBinaryCopyAsync(sql, cancellationToken).ConfigureAwait(false);
        await using (copy.ConfigureAwait(false))
            await copy.WriteAsync(buffer.Written, cancellationToken).ConfigureAwait(false);
    }

    private static void WriteEventKey(BinaryCopyBuffer buffer, StagedEvent row)
    {
        buffer.Text(row.Event.User);
        buffer.Text(row.Event.Device);
        buffer.Int64(row.Event.Seq);
    }

    private static void WriteEvent(BinaryCopyBuffer buffer, StagedEvent row)
    {
        var e = row.Event;
        buffer.Text(e.User);
        buffer.Text(e.Device);
        buffer.Int64(e.Seq);
        buffer.Text(e.Id);
        buffer.Text(e.Type);
        buffer.TimestampTz(row.Time);
        // The payload exactly as it arrived, so both stores hand back the same text.
        buffer.Utf8(JsonMarshal.GetRawUtf8Value(e.Data));
    }

    private static void WriteSample(BinaryCopyBuffer buffer, StagedEvent row)
    {
        buffer.Text(row.Event.User);
        buffer.Text(row.Event.Type);
        buffer.TimestampTz(row.Time);
        buffer.Text(row.Event.Id);
        buffer.Text(row.Event.Device);
        buffer.Double(row.Value);
    }

    private static void WriteLocation(BinaryCopyBuffer buffer, StagedEvent row)
    {
        buffer.Text(row.Event.User);
        buffer.TimestampTz(row.Time);
        buffer.Text(row.Event.Id);
        buffer.Text(row.Event.Device);
        buffer.Double(row.Lat);
        buffer.Double(row.Lon);
        buffer.Double(row.Alt);
        buffer.Double(row.Accuracy);
    }

    private static void WriteMotion(BinaryCopyBuffer buffer, StagedEvent row)
    {
        buffer.Text(row.Event.User);
        buffer.Text(row.Event.Device);
        buffer.TimestampTz(row.Time);
        buffer.Text(row.Event.Id);
        buffer.Double(row.X);
        buffer.Double(row.Y);
        buffer.Double(row.Z);
    }

    private static void WriteMedia(BinaryCopyBuffer buffer, StagedEvent row)
    {
        buffer.Text(row.Event.User);
        buffer.Text(row.Sha256!);
        buffer.Text(row.Event.Id);
        buffer.Text(row.Event.Type);
        buffer.Text(row.Event.Device);
        buffer.TimestampTz(row.Time);
        buffer.Text(row.ContentType!);
        buffer.Int64(row.Size);
    }
}
