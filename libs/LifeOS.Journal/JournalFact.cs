using System.Globalization;
using LifeOS.Contracts.Payloads;

namespace LifeOS.Journal;

/// <summary>One fact about a journal entry: a field's value, how sure the extractor is and where in the text it stands.</summary>
/// <param name="Field">A name from <see cref="JournalFields"/>.</param>
/// <param name="Provenance">Explicit (stated), inferred (a model's conclusion) or missing (the entry is silent).</param>
/// <param name="Confidence">0–1.</param>
/// <param name="Number">The value of a numeric field, in the field's unit.</param>
/// <param name="Text">The value of a text field.</param>
/// <param name="Unit">The field's unit; for spending, the ISO 4217 currency code.</param>
/// <param name="Span">Where the fact is stated: UTF-16 offsets into the original text, end exclusive.</param>
/// <param name="Time">The time the fact refers to; null for missing facts.</param>
/// <param name="Model">The model that inferred the fact; null for rule output.</param>
public sealed record JournalFact(
    string Field,
    FactProvenance Provenance,
    double Confidence,
    double? Number = null,
    string? Text = null,
    string? Unit = null,
    TextSpan? Span = null,
    FactTime? Time = null,
    string? Model = null)
{
    /// <summary>The value as text: the text value, or the number in invariant culture.</summary>
    public string? Value => Text ?? Number?.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A missing fact: the field is tracked and neither rules nor model found it in the entry.</summary>
    public static JournalFact MissingFor(JournalField field) => new(field.Name, FactProvenance.Missing, 1.0, Unit: field.Unit);

    /// <summary>Checks the fact against the catalogue; a bad fact is an error naming the field and the problem.</summary>
    public void Validate()
    {
        if (!JournalFields.TryGet(Field, out var field))
        {
            throw new ArgumentException($"Unknown journal field '{Field}'.");
        }

        if (!double.IsFinite(Confidence) || Confidence is < 0 or > 1)
        {
            throw new ArgumentException($"{Field}: confidence must be between 0 and 1, not {Confidence}.");
        }

        if (Provenance == FactProvenance.Missing)
        {
            if (Number is not null || Text is not null)
            {
                throw new ArgumentException($"{Field}: a missing fact carries no value.");
            }

            return;
        }

        if (field.Kind == FieldKind.Number)
        {
            if (Number is not { } number || Text is not null)
            {
                throw new ArgumentException($"{Field}: a numeric field needs a number and no text.");
            }

            if (!double.IsFinite(number) || number < field.Min || number > field.Max)
            {
                throw new ArgumentException($"{Field}: {number} is outside {field.Min}–{field.Max}.");
            }
        }
        else if (string.IsNullOrWhiteSpace(Text) || Number is not null)
        {
            throw new ArgumentException($"{Field}: a text field needs a non-empty text and no number.");
        }

        if (Span is { } span && (span.Start < 0 || span.End < span.Start))
        {
            throw new ArgumentException($"{Field}: span [{span.Start}, {span.End}) is not a range.");
        }
    }

    /// <summary>The fact as the <c>journal.entry.parsed</c> contract carries it (the time travels as samples, not here).</summary>
    public ParsedFact ToParsedFact() => new(Field, Confidence, Provenance.ToWire(), Value, Number, Unit, Span, Model);
}
