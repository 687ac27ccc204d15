using LifeOS.Contracts;

namespace LifeOS.Query;

/// <summary>The types <c>/v1/metrics/{type}</c> aggregates: numeric sensor event types, and the sample types pipeline
/// modules derive (<see cref="IDerivedSampleTypes"/>, such as the journal's).</summary>
internal static class MetricTypes
{
    /// <param name="unit">The unit of the values, when the type has one.</param>
    /// <param name="shareType">The event type a share must include to read it: the type itself, or the type of the events
    /// a derived sample came from.</param>
    public static bool TryResolve(string type, IEnumerable<IDerivedSampleTypes> derived, out string? unit, out string shareType)
    {
        shareType = type;
        unit = null;
        if (TopicCatalogue.TryGetByEventType(type, out var topic))
        {
            unit = topic.Unit;
            return topic.Projection == StoreProjection.Sample;
        }

        foreach (var source in derived)
        {
            if (source.TryResolve(type, out unit, out shareType))
                return true;
        }

        shareType = type;
        return false;
    }
}
