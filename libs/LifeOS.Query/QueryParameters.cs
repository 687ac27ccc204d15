using LifeOS.Contracts;

namespace LifeOS.Query;

/// <summary>Parsing of the query string parameters shared by the read endpoints, with errors that name the parameter.</summary>
internal static class QueryParameters
{
    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;
    public static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Parses an optional timestamp; returns an error message or null.</summary>
    public static string? Time(string name, string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        value = fallback;
        if (string.IsNullOrEmpty(text))
            return null;

        // An unencoded '+' in a query string arrives as a space; put the offset sign back.
        if (!Timestamps.TryParse(text.Replace(' ', '+'), out value))
            return $"{name}: must be an RFC 3339 timestamp with a UTC offset, e.g. 2026-11-22T08:00:00Z";
        return null;
    }

    public static string? Limit(int? requested, int fallback, int max, out int value)
    {
        value = requested ?? fallback;
        return value < 1 || value > max ? $"limit: must be between 1 and {max}" : null;
    }

    public static string? Types(string? text, out IReadOnlyCollection<string>? types)
    {
        types = null;
        if (string.IsNullOrWhiteSpace(text))
            return null;

        var list = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length > 50)
            return "types: at most 50 types";
        foreach (var type in list)
        {
            if (!TopicCatalogue.TryGetByEventType(type, out _))
                return $"types: unknown event type '{(type.Length > 64 ? type[..64] : type)}'";
        }

        types = list;
        return null;
    }
}
