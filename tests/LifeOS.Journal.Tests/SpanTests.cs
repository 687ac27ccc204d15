namespace LifeOS.Journal.Tests;

/// <summary>Spans are UTF-16 offsets into the original text and cover the words that state the fact.</summary>
public sealed class SpanTests
{
    private const string Entry =
        "Yesterday I slept 6h. Ran 5k with Anna in Tiergarten in 27 minutes, then had eggs and toast for breakfast. " +
        "$12.50 on lunch. Mood 6/10, stress: 4. Worked 8 hours at the office, then read a book.";

    private static string SpanOf(string field, string? value = null)
    {
        var fact = Assert.Single(Extraction.Facts(Entry), fact => fact.Field == field && (value is null || fact.Value == value));
        var span = fact.Span!;
        return Entry[span.Start..span.End];
    }

    [Theory]
    [InlineData("sleep.duration", null, "slept 6h")]
    [InlineData("exercise.type", null, "Ran")]
    [InlineData("exercise.distance", null, "5k")]
    [InlineData("exercise.duration", null, "27 minutes")]
    [InlineData("people", null, "Anna")]
    [InlineData("places", "Tiergarten", "Tiergarten")]
    [InlineData("places", "office", "office")]
    [InlineData("food.items", "eggs", "eggs")]
    [InlineData("food.items", "toast", "toast")]
    [InlineData("spending.amount", null, "$12.50")]
    [InlineData("mood.score", null, "Mood 6/10")]
    [InlineData("stress.score", null, "stress: 4")]
    [InlineData("work.duration", null, "Worked 8 hours")]
    [InlineData("activities", null, "read a book")]
    public void Each_span_points_at_the_text_that_states_its_fact(string field, string? value, string stated) =>
        Assert.Equal(stated, SpanOf(field, value));

    [Fact]
    public void Offsets_count_utf16_units_of_the_original_text_even_after_emoji_and_accents()
    {
        const string text = "🎉 Café day! Spent €8 on cake 🍰 then ran 5k.";

        var facts = Extraction.Facts(text);

        var money = Assert.Single(facts, fact => fact.Field == "spending.amount").Span!;
        var distance = Assert.Single(facts, fact => fact.Field == "exercise.distance").Span!;
        Assert.Equal("€8", text[money.Start..money.End]);
        Assert.Equal("5k", text[distance.Start..distance.End]);
    }

    [Fact]
    public void Facts_come_in_text_order()
    {
        var starts = Extraction.Facts(Entry).Select(fact => fact.Span!.Start).ToList();

        Assert.Equal(starts.Order(), starts);
    }
}
