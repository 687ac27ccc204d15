namespace LifeOS.Journal;

/// <summary>Reports the fields a person tracks that an entry is silent on, so a gap is visible rather than a zero.</summary>
public static class MissingFacts
{
    /// <summary>One <see cref="FactProvenance.Missing"/> fact per tracked field that has no explicit or inferred fact, in the order tracked.</summary>
    /// <exception cref="ArgumentException">A tracked field is not in <see cref="JournalFields"/>.</exception>
    public static IReadOnlyList<JournalFact> For(IEnumerable<string> trackedFields, IEnumerable<JournalFact> facts)
    {
        ArgumentNullException.ThrowIfNull(trackedFields);
        ArgumentNullException.ThrowIfNull(facts);

        var present = facts
            .Where(fact => fact.Provenance != FactProvenance.Missing)
            .Select(fact => fact.Field)
            .ToHashSet(StringComparer.Ordinal);
        var missing = new List<JournalFact>();
        foreach (var name in trackedFields.Distinct(StringComparer.Ordinal))
        {
            var field = JournalFields.Get(name);
            if (!present.Contains(field.Name))
            {
                missing.Add(JournalFact.MissingFor(field));
            }
        }

        return missing;
    }
}
