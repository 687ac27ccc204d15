using LifeOS.Contracts;

namespace LifeOS.Storage.Postgres;

/// <summary>Brings times to the form every store keeps: UTC, whole microseconds, truncated exactly as the embedded store truncates.</summary>
internal static class PgTime
{
    // timestamptz holds microseconds, and Npgsql rounds 100 ns ticks relative to 2000-01-01; going through Unix
    // microseconds first makes both stores drop the same sub-microsecond ticks for every instant.
    public static DateTimeOffset Normalize(DateTimeOffset value) => Timestamps.FromUnixMicros(Timestamps.ToUnixMicros(value));

    public static DateTime ToUtc(DateTimeOffset value) => Normalize(value).UtcDateTime;
}
