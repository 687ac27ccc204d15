using LifeOS.Contracts;

namespace LifeOS.Journal;

/// <summary>The journal's sample types (<c>journal.&lt;field&gt;</c>) for the metrics route; read under a share of
/// journal entries.</summary>
public sealed class JournalSampleTypes : IDerivedSampleTypes
{
    public bool TryResolve(string type, out string? unit, out string shareEventType)
    {
        shareEventType = TopicCatalogue.JournalEntry.EventType!;
        return JournalSamples.TryParseType(type, out _, out unit);
    }
}
