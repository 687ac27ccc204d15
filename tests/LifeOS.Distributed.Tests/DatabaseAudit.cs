using Npgsql;

namespace LifeOS.Distributed.Tests;

/// <summary>Reads PostgreSQL directly, past every API, to check what the split services stored.</summary>
internal static class DatabaseAudit
{
    /// <summary>
    /// Broken promises, one line each: a total that differs from what the clients had stored, or a projection row
    /// count that differs from its events' (a replay that doubled a sample, or lost one).
    /// </summary>
    public static async Task<List<string>> CheckAsync(string connectionString, long expectedEvents, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT (SELECT count(*) FROM events),
                   (SELECT count(*) FROM events WHERE type = '{TestEvents.HeartRate}'),
                   (SELECT count(*) FROM samples WHERE type = '{TestEvents.HeartRate}'),
                   (SELECT count(*) FROM events WHERE type = '{TestEvents.Gps}'),
                   (SELECT count(*) FROM locations),
                   (SELECT count(*) FROM events WHERE type = '{TestEvents.Accelerometer}'),
                   (SELECT count(*) FROM motion)
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var counts = Enumerable.Range(0, reader.FieldCount).Select(reader.GetInt64).ToArray();

        if (counts[0] != expectedEvents)
            problems.Add($"the events table holds {counts[0]} rows; the clients' events stored through the API number {expectedEvents}");
        Compare("samples", counts[2], TestEvents.HeartRate, counts[1], problems);
        Compare("locations", counts[4], TestEvents.Gps, counts[3], problems);
        Compare("motion", counts[6], TestEvents.Accelerometer, counts[5], problems);
        return problems;
    }

    private static void Compare(string table, long rows, string type, long events, List<string> problems)
    {
        if (rows != events)
            problems.Add($"{table} holds {rows} rows for {events} {type} events");
    }
}
