namespace LifeOS.Journal.Tests.Rules;

public sealed class SpendingRuleTests
{
    [Theory]
    [InlineData("$12.50 on lunch with Anna.", 12.5, "USD")]
    [InlineData("Spent 20 EUR on vegetables.", 20, "EUR")]
    [InlineData("€8 coffee at the station.", 8, "EUR")]
    [InlineData("£3.20 for a flat white.", 3.2, "GBP")]
    [InlineData("Paid 45 dollars for the electricity bill.", 45, "USD")]
    [InlineData("spent about 60 euros on tickets", 60, "EUR")]
    [InlineData("Cost me £14 at the takeaway.", 14, "GBP")]
    [InlineData("Coffee ₹150.", 150, "INR")]
    [InlineData("Spending: 34 CHF.", 34, "CHF")]
    [InlineData("Bought a book for $18.", 18, "USD")]
    [InlineData("lunch was $14", 14, "USD")]
    [InlineData("paid 12,50€ for parking", 12.5, "EUR")]
    [InlineData("dropped $1,200 on a new laptop", 1200, "USD")]
    [InlineData("treated myself to a $40 dinner", 40, "USD")]
    [InlineData("spent 20 pounds on books", 20, "GBP")]
    [InlineData("Got my haircut, cost me 25 quid.", 25, "GBP")]
    [InlineData("spent CHF 15 on the train", 15, "CHF")]
    public void Amounts_with_a_sign_of_paying(string text, double amount, string currency)
    {
        var fact = Extraction.Single(text, JournalFields.SpendingAmount);

        Assert.Equal(amount, fact.Number);
        Assert.Equal(currency, fact.Unit);
    }

    [Theory]
    [InlineData("The jacket was $200 but I didn't buy it.")]
    [InlineData("Saw a $999 TV at the mall, way too expensive.")]
    [InlineData("The new phone costs $1,099.")]
    [InlineData("Price of avocados is now 3 euros each.")]
    [InlineData("Lost 2 pounds this week!")]
    [InlineData("Got paid $300 for the freelance gig.")]
    [InlineData("Saved $50 this month.")]
    [InlineData("Spent 3 hours gardening.")]
    [InlineData("Spent the whole day at home.")]
    [InlineData("Not going to spend $80 on that.")]
    public void Prices_income_weights_and_time_are_not_spending(string text) =>
        Assert.Empty(Extraction.Numbers(text, JournalFields.SpendingAmount));

    [Fact]
    public void An_amount_without_a_currency_after_spent_has_no_unit()
    {
        var fact = Extraction.Single("Spent 7.50 on bread at the bakery.", JournalFields.SpendingAmount);

        Assert.Equal(7.5, fact.Number);
        Assert.Null(fact.Unit);
    }

    [Fact]
    public void Several_amounts_in_one_entry_are_separate_facts() =>
        Assert.Equal([150.0, 420.0], Extraction.Numbers("Coffee ₹150, lunch ₹420 in Bangalore.", JournalFields.SpendingAmount));

    [Fact]
    public void A_dollar_sign_is_read_as_usd_with_less_certainty_than_a_code()
    {
        Assert.Equal(ExplicitConfidence.Assumed, Extraction.Single("spent $20 on food", JournalFields.SpendingAmount).Confidence);
        Assert.Equal(ExplicitConfidence.Stated, Extraction.Single("spent 20 USD on food", JournalFields.SpendingAmount).Confidence);
    }
}
