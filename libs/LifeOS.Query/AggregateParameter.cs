using LifeOS.Storage;

namespace LifeOS.Query;

/// <summary>The metrics route's <c>agg</c> parameter.</summary>
internal static class AggregateParameter
{
    public static string? Parse(string? text, out MetricAggregate value)
    {
        value = MetricAggregate.Avg;
        if (text is null)
            return null;
        // Names only: Enum.TryParse would also take "2" or "min,max".
        MetricAggregate? parsed = text.ToLowerInvariant() switch
        {
            "avg" => MetricAggregate.Avg,
            "min" => MetricAggregate.Min,
            "max" => MetricAggregate.Max,
            "sum" => MetricAggregate.Sum,
            "count" => MetricAggregate.Count,
            _ => null,
        };
        value = parsed ?? value;
        return parsed is null ? "agg: must be one of avg, min, max, sum, count" : null;
    }
}
