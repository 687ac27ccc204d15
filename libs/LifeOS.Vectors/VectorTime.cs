namespace LifeOS.Vectors;

/// <summary>Point times are stored as microseconds since the Unix epoch: exact, sortable, and a JSON number Qdrant can range over.</summary>
public static class VectorTime
{
    public static long ToMicros(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicros(long micros) => new(DateTimeOffset.UnixEpoch.UtcTicks + (micros * 10), TimeSpan.Zero);
}
