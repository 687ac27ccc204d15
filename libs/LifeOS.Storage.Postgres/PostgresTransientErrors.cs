using Npgsql;

namespace LifeOS.Storage.Postgres;

/// <summary>Tells failures worth retrying (the server restarting, a lost connection, a deadlock victim) from real errors.</summary>
public static class PostgresTransientErrors
{
    /// <summary>True when the same call may succeed later: consumers can retry instead of dead-lettering.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        // Class 08 (connection exception) and 57P (operator intervention: admin/crash shutdown, cannot connect now)
        // are what a restarting server answers; Npgsql's own list has deadlocks, serialization failures, resources.
        PostgresException postgres => postgres.IsTransient
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
        // Socket and stream failures, timeouts waiting for a pooled connection.
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    /// <summary>True when the connection itself is gone, so other pooled connections are likely dead too.</summary>
    internal static bool IsConnectionLost(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.InnerException is IOException or System.Net.Sockets.SocketException or EndOfStreamException
            || npgsql.Message.Contains("broken", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
