using System.Globalization;
using System.Text.RegularExpressions;

namespace LifeOS.Journal.Tests.Corpus;

/// <summary>A fact as the corpus writes it: <c>field=value</c> or <c>field=number unit</c>.</summary>
public sealed partial record ExpectedFact(string Field, double? Number, string? Text, string? Unit)
{
    /// <summary>Numbers match within this much: the corpus writes 7h20 as 7.33.</summary>
    public const double Tolerance = 0.01;

    public static ExpectedFact Parse(string line)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new FormatException($"'{line}' is not field=value.");
        }

        var field = JournalFields.Get(line[..equals]);
        var value = line[(equals + 1)..].Trim();
        if (field.Kind == FieldKind.Text)
        {
            return new ExpectedFact(field.Name, null, value, null);
        }

        var match = NumberWithUnit().Match(value);
        if (!match.Success)
        {
            throw new FormatException($"'{line}': {field.Name} takes a number, optionally followed by its unit.");
        }

        var unit = match.Groups["unit"].Success ? match.Groups["unit"].Value : null;
        // Ratings are written bare ("mood.score=6"); a unit that is written must be the field's.
        if (field != JournalFields.SpendingAmount && unit is not null && unit != field.Unit)
        {
            throw new FormatException($"'{line}': {field.Name} is in '{field.Unit}', not '{unit}'.");
        }

        return new ExpectedFact(field.Name, double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture), null, unit);
    }

    public bool Matches(JournalFact fact) =>
        fact.Field == Field
        && (Text is not null
            ? string.Equals(fact.Text, Text, StringComparison.OrdinalIgnoreCase)
            : fact.Number is { } number && Math.Abs(number - Number!.Value) <= Tolerance
                && (Field != JournalFields.SpendingAmount.Name || fact.Unit == Unit));

    public override string ToString() => $"{Field}={Text ?? Number?.ToString(CultureInfo.InvariantCulture)}{(Unit is null ? "" : " " + Unit)}";

    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)(?:\s+(?<unit>\S+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberWithUnit();
}
