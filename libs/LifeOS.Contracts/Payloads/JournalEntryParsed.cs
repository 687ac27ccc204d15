namespace LifeOS.Contracts.Payloads;

/// <summary>The facts parsed out of one journal entry (<see cref="EntryId"/> is the raw event's id).</summary>
public sealed record JournalEntryParsed(
    string EntryId,
    IReadOnlyList<ParsedFact>? Facts = null,
    string? Model = null,
    string? Status = null,
    string? Reason = null) : IDerivedPayload;

/// <summary>One fact (e.g. <c>sleep.hours</c> = 7.5 h) with how sure the parser is and where it came from.</summary>
/// <remarks>
/// <see cref="Provenance"/> is explicit (the text says so), inferred (the model concluded it) or missing (the text
/// is silent, so <see cref="Value"/> is absent). <see cref="NumericValue"/> is set when the fact is a quantity.
/// </remarks>
public sealed record ParsedFact(
    string Field,
    double Confidence,
    string Provenance,
    string? Value = null,
    double? NumericValue = null,
    string? Unit = null,
    TextSpan? Span = null,
    string? Model = null);

/// <summary>A range of characters (UTF-16 offsets, end exclusive) in a text.</summary>
public sealed record TextSpan(int Start, int End);
