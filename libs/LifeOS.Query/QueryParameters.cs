using LifeOS.Contracts;

namespace LifeOS.Query;

/// <summary>Parsing of the query string parameters shared by the read endpoints, with errors that name the parameter.</summary>
internal static class QueryParameters
{
    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;
    // Ingestion accepts times up to the end of 2200; the default window must include them.
    public static readonly DateTimeOffset Latest = new(2201, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Parses an optional timestamp; returns an error message or null.</summary>
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

    public static string? Limit(string? requested, int fallback, int max, out int value)
    {
        value = fallback;
        if (string.IsNullOrEmpty(requested))
            return null;
        return int.TryParse(requested, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value)
            && value >= 1 && value <= max
            ? null
            : $"limit: must be a whole number between 1 and {max}";
    }

    public static string? Aggregate(string? text, out Storage.MetricAggregate value)
    {
        value = Storage.MetricAggregate.Avg;
        if (text is null)
            return null;
        // Names only: Enum.TryParse would also take "2" or "min,max".
        Storage.MetricAggregate? parsed = text.ToLowerInvariant() switch
        {
            "avg" => Storage.MetricAggregate.Avg,
            "min" => Storage.MetricAggregate.Min,
            "max" => Storage.MetricAggregate.Max,
            "sum" => Storage.MetricAggregate.Sum,
            "count" => Storage.MetricAggregate.Count,
            _ => null,
        };
        value = parsed ?? value;
        return parsed is null ? "agg: must be one of avg, min, max, sum, count" : null;
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
