namespace LifeOS.Journal.Tests;

public sealed class MissingFactsTests
{
    private static readonly string[] Tracked = ["sleep.duration", "mood.score", "energy.score", "exercise.type"];

    [Fact]
    public void Tracked_fields_the_entry_is_silent_on_are_reported_missing_in_tracked_order()
    {
        var facts = Extraction.Facts("Slept 7 hours. Mood 6/10.");

        var missing = MissingFacts.For(Tracked, facts);

        Assert.Equal(["energy.score", "exercise.type"], missing.Select(fact => fact.Field));
        Assert.All(missing, fact =>
        {
            Assert.Equal(FactProvenance.Missing, fact.Provenance);
            Assert.Null(fact.Value);
            Assert.Null(fact.Span);
            Assert.Equal(1.0, fact.Confidence);
            fact.Validate();
        });
    }

    [Fact]
    public void An_inferred_fact_counts_as_present()
    {
        var facts = new[] { new JournalFact("energy.score", FactProvenance.Inferred, 0.6, Number: 4) };

        var missing = MissingFacts.For(["energy.score", "mood.score"], facts);

        Assert.Equal(["mood.score"], missing.Select(fact => fact.Field));
    }

    [Fact]
    public void An_entry_with_nothing_extractable_misses_every_tracked_field()
    {
        var missing = MissingFacts.For(Tracked, Extraction.Facts("Nothing much happened. Rainy."));

        Assert.Equal(Tracked, missing.Select(fact => fact.Field));
    }

    [Fact]
    public void A_field_tracked_twice_is_reported_once() =>
        Assert.Single(MissingFacts.For(["mood.score", "mood.score"], []));

    [Fact]
    public void A_missing_fact_carries_its_fields_unit() =>
        Assert.Equal("h", Assert.Single(MissingFacts.For(["sleep.duration"], [])).Unit);

    [Fact]
    public void An_unknown_tracked_field_is_an_error_that_names_it()
    {
        var error = Assert.Throws<ArgumentException>(() => MissingFacts.For(["mood.scor"], []));

        Assert.Contains("mood.scor", error.Message, StringComparison.Ordinal);
    }
}
