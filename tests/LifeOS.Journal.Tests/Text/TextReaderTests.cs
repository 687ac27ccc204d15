using LifeOS.Journal.Text;

namespace LifeOS.Journal.Tests.Text;

/// <summary>The shared readers every rule relies on: numbers, durations, distances, money and sentence splitting.</summary>
public sealed class TextReaderTests
{
    [Theory]
    [InlineData("7", 7)]
    [InlineData("7.5", 7.5)]
    [InlineData("7,5", 7.5)]
    [InlineData("1,099", 1099)]
    [InlineData("12,50", 12.5)]
    [InlineData("1,200,000.5", 1_200_000.5)]
    [InlineData("seven", 7)]
    [InlineData("twenty-five", 25)]
    [InlineData("forty five", 45)]
    public void Numbers_in_digits_either_decimal_mark_and_words(string token, double value) =>
        Assert.Equal(value, Numbers.Parse(token));

    [Fact]
    public void A_word_that_is_not_a_number_is_an_error() =>
        Assert.Throws<FormatException>(() => Numbers.Parse("several"));

    [Theory]
    [InlineData("7h20", 440)]
    [InlineData("6h45m", 405)]
    [InlineData("7 hours 20 minutes", 440)]
    [InlineData("1h 15", 75)]
    [InlineData("45-minute", 45)]
    [InlineData("90 mins", 90)]
    [InlineData("2.5 hrs", 150)]
    [InlineData("an hour and a half", 90)]
    [InlineData("half an hour", 30)]
    [InlineData("a quarter of an hour", 15)]
    [InlineData("two and a half hours", 150)]
    [InlineData("an hour", 60)]
    public void Durations_in_minutes(string text, double minutes) =>
        Assert.Equal(minutes, Assert.Single(Durations.Find(text)).Minutes);

    [Theory]
    [InlineData("at 6:30am")]
    [InlineData("2pm")]
    [InlineData("a 1:1 with my boss")]
    [InlineData("5k")]
    [InlineData("1500m")]
    public void Clock_times_and_distances_are_not_durations(string text) =>
        Assert.Empty(Durations.Find(text));

    [Fact]
    public void An_h_mm_duration_is_marked_as_clock_style_so_rules_can_demand_in_or_for() =>
        Assert.True(Assert.Single(Durations.Find("in 1:58")).ClockStyle);

    [Theory]
    [InlineData("5k", 5, true)]
    [InlineData("10 km", 10, false)]
    [InlineData("3 miles", 4.828032, false)]
    [InlineData("1500m", 1.5, false)]
    [InlineData("a mile", 1.609344, false)]
    [InlineData("half marathon", 21.0975, false)]
    public void Distances_in_kilometres(string text, double km, bool bareK)
    {
        var distance = Assert.Single(Distances.Find(text));

        Assert.Equal(km, distance.Kilometres, 6);
        Assert.Equal(bareK, distance.BareK);
    }

    [Theory]
    [InlineData("20m")]
    [InlineData("5 kids")]
    [InlineData("3 mins")]
    public void Short_metres_and_words_starting_with_a_unit_letter_are_not_distances(string text) =>
        Assert.Empty(Distances.Find(text));

    [Theory]
    [InlineData("$12.50", 12.5, "USD", true)]
    [InlineData("US$12", 12, "USD", false)]
    [InlineData("€8", 8, "EUR", false)]
    [InlineData("12,50€", 12.5, "EUR", false)]
    [InlineData("£3.20", 3.2, "GBP", false)]
    [InlineData("20 EUR", 20, "EUR", false)]
    [InlineData("CHF 15", 15, "CHF", false)]
    [InlineData("45 bucks", 45, "USD", true)]
    [InlineData("$5k", 5000, "USD", true)]
    [InlineData("₹150", 150, "INR", false)]
    public void Money_with_its_iso_currency(string text, double amount, string currency, bool assumed)
    {
        var money = Assert.Single(Money.Find(text));

        Assert.Equal(amount, money.Amount);
        Assert.Equal(currency, money.Currency);
        Assert.Equal(assumed, money.CurrencyAssumed);
    }

    [Theory]
    [InlineData("20 eur")]
    [InlineData("Europe")]
    [InlineData("5k followers")]
    public void Lower_case_codes_and_bare_numbers_are_not_money(string text) =>
        Assert.Empty(Money.Find(text));

    [Fact]
    public void Sentences_end_at_stops_and_line_breaks_but_not_at_decimal_points()
    {
        const string text = "Slept 7.5 hours. Mood 6/10!\nRan 5k; felt good";

        var sentences = Segments.Sentences(text).Select(range => text[range.Start..range.End]);

        Assert.Equal(["Slept 7.5 hours", "Mood 6/10", "Ran 5k", "felt good"], sentences);
    }

    [Fact]
    public void Clauses_also_end_at_commas_and_connectives_but_not_inside_numbers()
    {
        const string text = "Spent $1,099 on a phone, but I didn't buy the case";

        var clauses = Segments.Clauses(text).Select(range => text[range.Start..range.End]);

        Assert.Equal(["Spent $1,099 on a phone", "I didn't buy the case"], clauses);
    }
}
