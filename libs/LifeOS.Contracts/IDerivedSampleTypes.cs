namespace LifeOS.Contracts;

/// <summary>Sample types a pipeline module derives that the topic catalogue does not list (journal facts become
/// <c>journal.mood.score</c> samples). The deriving module registers one, so the metrics route can serve its types
/// without depending on it.</summary>
public interface IDerivedSampleTypes
{
    /// <param name="unit">The unit of the values, when the type has one.</param>
    /// <param name="shareEventType">The event type a share must include to read these samples: the samples are read
    /// under the same share as the events they came from.</param>
    bool TryResolve(string type, out string? unit, out string shareEventType);
}
