using System.Globalization;

namespace LifeOS.Contracts;

/// <summary>Parsing and formatting of the RFC 3339 timestamps the API speaks.</summary>
public static class Timestamps
{
    /// <summary>Accepts RFC 3339 timestamps that carry an explicit offset (Z or ±hh:mm); a bare local time is ambiguous.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Length > 40 || text.Length < 20)
            return false;

        var last = text[^1];
        var hasOffset = last is 'Z' or 'z' || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>The years an event's time may fall in. Every write route (ingest, stream, media, journal, knowledge)
    /// holds to them, so a mistyped year cannot place data where no query looks.</summary>
    public const int FirstEventYear = 1970;

    public const int LastEventYear = 2200;

    /// <summary>Parses an event's time: null when it is a valid RFC 3339 timestamp in the event years, otherwise why not
    /// (without the field name, which the caller knows).</summary>
    public static string? ParseEventTime(string? text, out DateTimeOffset value)
    {
        if (!TryParse(text, out value))
            return "must be an RFC 3339 timestamp with a UTC offset, e.g. 2026-11-22T08:00:00Z";
        return value.Year is < FirstEventYear or > LastEventYear ? $"must be between {FirstEventYear} and {LastEventYear}" : null;
    }

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Microseconds since the Unix epoch: the storage form, exact and sortable.</summary>
    public static long ToUnixMicros(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromUnixMicros(long micros) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (micros * 10), TimeSpan.Zero);
}
