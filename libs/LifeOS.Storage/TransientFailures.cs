using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace LifeOS.Storage;

/// <summary>Tells a dependency's passing trouble (a busy, restarting or unreachable database) from a real error.</summary>
/// <remarks>
/// Transient failures are waited out: a worker retries instead of dead-lettering, an API answers 503 with Retry-After
/// instead of 500. Only exception types from the framework are named, so every backend's driver is covered alike.
/// </remarks>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException { SqliteErrorCode: 5 or 6 })
                return true; // SQLITE_BUSY, SQLITE_LOCKED
            if (current is DbException { IsTransient: true })
                return true;
            if (current is DbException { SqlState: { } state } && IsUnavailableState(state))
                return true;
            if (current is TimeoutException or SocketException or IOException)
                return true;
        }

        return false;
    }

    // SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57P (operator intervention:
    // admin_shutdown, crash_shutdown, cannot_connect_now) are what a restarting PostgreSQL answers.
    private static bool IsUnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal)
        || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57P", StringComparison.Ordinal);
}
