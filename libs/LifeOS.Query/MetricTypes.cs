using LifeOS.Contracts;
using LifeOS.Journal;

namespace LifeOS.Query;

/// <summary>The types <c>/v1/metrics/{type}</c> aggregates: numeric sensor event types and the samples journal facts become.</summary>
internal static class MetricTypes
{
    /// <param name="unit">The unit of the values, when the type has one.</param>
    /// <param name="shareType">The event type a share must include to read it: the type itself, or <c>journal.entry</c> for
    /// journal samples, which are read under the same share as the entries they came from.</param>
    public static bool TryResolve(string type, out string? unit, out string shareType)
    {
        shareType = type;
        unit = null;
        if (TopicCatalogue.TryGetByEventType(type, out var topic))
        {
            unit = topic.Unit;
            return topic.Projection == StoreProjection.Sample;
        }

        if (!JournalSamples.TryParseType(type, out _, out unit))
            return false;
        shareType = TopicCatalogue.JournalEntry.EventType!;
        return true;
    }
}
