using System.Globalization;

namespace LifeOS.Contracts;

/// <summary>The one parser of the query-string parameters every route shares (times, limits, event types), with errors
/// of the form <c>name: what is wrong</c> that name the parameter.</summary>
public static class QueryParameters
{
    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;
    // Ingestion accepts times up to the end of 2200; the default window must include them.
    public static readonly DateTimeOffset Latest = new(2201, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Parses an optional timestamp within the event years, or <paramref name="fallback"/> when absent; returns an
    /// error message or null.</summary>
    public static string? Time(string name, string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        value = fallback;
        if (string.IsNullOrEmpty(text))
            return null;

        // An unencoded '+' in a query string arrives as a space; put the offset sign back.
        if (!Timestamps.TryParse(text.Replace(' ', '+'), out var parsed))
            return $"{name}: must be an RFC 3339 timestamp with a UTC offset, e.g. 2026-11-22T08:00:00Z";
        if (parsed < Earliest || parsed > Latest)
            return $"{name}: must be between 1970 and 2200";
        value = parsed;
        return null;
    }

    /// <summary>Parses an optional timestamp, null when absent; returns an error message or null.</summary>
    public static string? Time(string name, string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
            return null;
        if (!Timestamps.TryParse(text.Replace(' ', '+'), out var parsed))
            return $"{name}: must be an RFC 3339 timestamp with a UTC offset, e.g. 2026-11-22T08:00:00Z";
        value = parsed;
        return null;
    }

    /// <summary>Parses an optional page size from 1 to <paramref name="max"/>, or <paramref name="fallback"/> when absent.</summary>
    public static string? Limit(string? requested, int fallback, int max, out int value)
    {
        value = fallback;
        if (string.IsNullOrEmpty(requested))
            return null;
        return int.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max
            ? null
            : $"limit: must be a whole number between 1 and {max}";
    }

    /// <summary>Parses an optional comma-separated list of known event types (each once), at most <paramref name="max"/>.</summary>
    public static string? Types(string? text, out IReadOnlyCollection<string>? types, int max = 50)
    {
        types = null;
        if (string.IsNullOrWhiteSpace(text))
            return null;

        var list = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > max)
            return $"types: at most {max} types";
        foreach (var type in list)
        {
            if (!TopicCatalogue.TryGetByEventType(type, out _))
                return $"types: unknown event type '{(type.Length > 64 ? type[..64] : type)}'";
        }

        types = list;
        return null;
    }
}
