namespace LifeOS.Journal;

/// <summary>Combines the rules' explicit facts with a model's inferred ones: explicit wins, inferred only fills gaps.</summary>
/// <remarks>
/// An inferred number is dropped when the field already has an explicit fact (a model never overrides what the text
/// says); an inferred text value is dropped when the same value is already there (case-insensitive) and kept
/// otherwise, so a model can add a person or a food the rules missed. Inferred confidence is capped at
/// <see cref="InferredCeiling"/>, below every explicit confidence, and a model's claim to be explicit is read as
/// inferred. Missing facts in either input are ignored: <see cref="MissingFacts"/> computes them after merging.
/// </remarks>
public static class FactMerger
{
    /// <summary>The highest confidence an inferred fact keeps; explicit facts start at 0.9.</summary>
    public const double InferredCeiling = 0.8;

    /// <summary>Merges; every input fact is validated first, and a bad one is an error that names its field.</summary>
    public static IReadOnlyList<JournalFact> Merge(IEnumerable<JournalFact> explicitFacts, IEnumerable<JournalFact> inferredFacts)
    {
        ArgumentNullException.ThrowIfNull(explicitFacts);
        ArgumentNullException.ThrowIfNull(inferredFacts);

        var merged = new List<JournalFact>();
        foreach (var fact in explicitFacts)
        {
            fact.Validate();
            if (fact.Provenance == FactProvenance.Inferred)
            {
                throw new ArgumentException($"{fact.Field}: an inferred fact was passed as explicit.", nameof(explicitFacts));
            }

            if (fact.Provenance == FactProvenance.Explicit && !merged.Exists(kept => SameValue(kept, fact) && kept.Span == fact.Span))
            {
                merged.Add(fact);
            }
        }

        // The most confident inference for a value is the one kept.
        foreach (var fact in inferredFacts.OrderByDescending(fact => fact.Confidence))
        {
            fact.Validate();
            if (fact.Provenance == FactProvenance.Missing)
            {
                continue;
            }

            var field = JournalFields.Get(fact.Field);
            var taken = field.Kind == FieldKind.Number
                ? merged.Exists(kept => kept.Field == fact.Field && (kept.Provenance == FactProvenance.Explicit || !field.Repeats || SameValue(kept, fact)))
                : merged.Exists(kept => SameValue(kept, fact));
            if (!taken)
            {
                merged.Add(fact with
                {
                    Provenance = FactProvenance.Inferred,
                    Confidence = Math.Min(fact.Confidence, InferredCeiling),
                });
            }
        }

        return merged;
    }

    private static bool SameValue(JournalFact a, JournalFact b) =>
        a.Field == b.Field
        && a.Number == b.Number
        && string.Equals(a.Unit, b.Unit, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Text?.Trim(), b.Text?.Trim(), StringComparison.OrdinalIgnoreCase);
}
