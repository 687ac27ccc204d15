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
    /// <summary>What every journal sample type starts with: the namespace journal samples own in the store.</summary>
    public const string TypePrefix = "journal.";

    /// <summary>Recognises a journal sample type (<c>journal.mood.score</c>, <c>journal.spending.amount.eur</c>) and its unit.</summary>
    /// <param name="unit">The field's unit; for spending, the currency code in capitals.</param>
    public static bool TryParseType(string type, out JournalField field, out string? unit)
    {
        ArgumentNullException.ThrowIfNull(type);
        field = null!;
        unit = null;
        if (!type.StartsWith(TypePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var name = type[TypePrefix.Length..];
        var spending = JournalFields.SpendingAmount.Name + ".";
        if (name.StartsWith(spending, StringComparison.Ordinal))
        {
            var currency = name[spending.Length..];
            if (currency.Length != 3 || !currency.All(char.IsAsciiLetterLower))
            {
                return false;
            }

            field = JournalFields.SpendingAmount;
            unit = currency.ToUpperInvariant();
            return true;
        }

        if (!JournalFields.TryGet(name, out field) || field.SampleType is null || field == JournalFields.SpendingAmount)
        {
            return false;
        }

        unit = field.Unit;
        return true;
    }

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
