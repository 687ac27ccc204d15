namespace LifeOS.Journal;

/// <summary>Where a fact came from: the text says it, a model concluded it, or the entry is silent on a tracked field.</summary>
public enum FactProvenance
{
    Explicit,
    Inferred,
    Missing,
}

/// <summary>The wire spelling of <see cref="FactProvenance"/> used by the <c>journal.entry.parsed</c> topic.</summary>
public static class FactProvenanceNames
{
    public const string Explicit = "explicit";
    public const string Inferred = "inferred";
    public const string Missing = "missing";

    public static string ToWire(this FactProvenance provenance) => provenance switch
    {
        FactProvenance.Explicit => Explicit,
        FactProvenance.Inferred => Inferred,
        FactProvenance.Missing => Missing,
        _ => throw new ArgumentOutOfRangeException(nameof(provenance), provenance, "Unknown provenance."),
    };

    /// <summary>Reads the wire spelling; anything else is an error that names the bad value.</summary>
    public static FactProvenance Parse(string value) => value switch
    {
        Explicit => FactProvenance.Explicit,
        Inferred => FactProvenance.Inferred,
        Missing => FactProvenance.Missing,
        _ => throw new FormatException($"provenance must be explicit, inferred or missing, not '{value}'."),
    };
}
