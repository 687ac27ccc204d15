namespace LifeOS.Journal;

/// <summary>One field a journal fact can fill: its name, what kind of value it holds and in which unit.</summary>
/// <param name="Name">The dotted field name, e.g. <c>sleep.duration</c>.</param>
/// <param name="Kind">Whether the value is a number or a text.</param>
/// <param name="Unit">The unit every numeric value is expressed in; null for text and for spending, whose unit is its currency.</param>
/// <param name="Repeats">True when one entry can hold several values (people, food items, one distance per exercise).</param>
/// <param name="Min">The smallest valid numeric value.</param>
/// <param name="Max">The largest valid numeric value.</param>
public sealed record JournalField(string Name, FieldKind Kind, string? Unit, bool Repeats, double Min = 0, double Max = double.MaxValue)
{
    /// <summary>The sample type metrics see for this field (<c>journal.mood.score</c>), or null for text fields.</summary>
    public string? SampleType => Kind == FieldKind.Number ? "journal." + Name : null;
}

/// <summary>What a field's value is.</summary>
public enum FieldKind
{
    Number,
    Text,
}
