namespace LifeOS.Journal;

/// <summary>A numeric journal fact as a sample metrics can aggregate like any sensor reading.</summary>
/// <param name="Type">The sample type: <c>journal.</c> + field (<c>journal.mood.score</c>); spending adds its currency (<c>journal.spending.amount.eur</c>) so sums never mix currencies.</param>
/// <param name="Value">In <paramref name="Unit"/>.</param>
/// <param name="Time">The instant the fact refers to (see <see cref="FactTime"/>).</param>
/// <param name="Confidence">Carried so consumers may weigh or filter inferred samples.</param>
public sealed record JournalSample(string Type, double Value, string? Unit, DateTimeOffset Time, string Field, FactProvenance Provenance, double Confidence);

/// <summary>Turns numeric facts (mood, energy, stress, sleep, exercise, work, spending) into samples.</summary>
public static class JournalSamples
{
    /// <summary>Samples for the numeric facts; missing facts never become samples, and inferred ones only when asked.</summary>
    /// <param name="facts">Facts with times, as an extractor or <see cref="FactMerger"/> returns them.</param>
    /// <param name="entryTime">The instant of a fact that carries no time of its own (a model's inferred fact).</param>
    /// <param name="includeInferred">False keeps metrics to what the person wrote.</param>
    public static IReadOnlyList<JournalSample> From(IEnumerable<JournalFact> facts, DateTimeOffset entryTime, bool includeInferred = true)
    {
        ArgumentNullException.ThrowIfNull(facts);

        var samples = new List<JournalSample>();
        foreach (var fact in facts)
        {
            if (fact.Number is not { } value || fact.Provenance == FactProvenance.Missing
                || (fact.Provenance == FactProvenance.Inferred && !includeInferred)
                || !JournalFields.TryGet(fact.Field, out var field) || field.SampleType is not { } type)
            {
                continue;
            }

            if (field == JournalFields.SpendingAmount)
            {
                // An amount in no known currency cannot be summed with anything.
                if (fact.Unit is not { Length: 3 } currency)
                {
                    continue;
                }

                type = $"{type}.{currency.ToLowerInvariant()}";
            }

            samples.Add(new JournalSample(type, value, fact.Unit, fact.Time?.Instant ?? entryTime, fact.Field, fact.Provenance, fact.Confidence));
        }

        return samples;
    }
}
