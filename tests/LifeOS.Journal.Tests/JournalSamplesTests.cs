namespace LifeOS.Journal.Tests;

public sealed class JournalSamplesTests
{
    [Fact]
    public void Numeric_facts_become_samples_named_after_their_field_at_the_time_they_refer_to()
    {
        var facts = Extraction.Facts("Yesterday I slept 6h. Today mood 7/10 and ran 5 km.");

        var samples = JournalSamples.From(facts, Extraction.WrittenAt);

        var sleep = Assert.Single(samples, sample => sample.Type == "journal.sleep.duration");
        Assert.Equal(6, sleep.Value);
        Assert.Equal("h", sleep.Unit);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 7, 0, 0, TimeSpan.FromHours(1)), sleep.Time);
        var mood = Assert.Single(samples, sample => sample.Type == "journal.mood.score");
        Assert.Equal(7, mood.Value);
        Assert.Equal(Extraction.WrittenAt, mood.Time);
        Assert.Equal(5, Assert.Single(samples, sample => sample.Type == "journal.exercise.distance").Value);
        Assert.DoesNotContain(samples, sample => sample.Type == "journal.exercise.type");
    }

    [Fact]
    public void Spending_samples_are_split_by_currency_and_amounts_without_one_are_left_out()
    {
        var facts = Extraction.Facts("Spent €8 on coffee, paid $20 for lunch and spent 7.50 on bread.");

        var samples = JournalSamples.From(facts, Extraction.WrittenAt);

        Assert.Equal(["journal.spending.amount.eur", "journal.spending.amount.usd"], samples.Select(sample => sample.Type).Order());
    }

    [Fact]
    public void Missing_facts_never_become_samples_and_inferred_ones_only_when_asked()
    {
        JournalFact[] facts =
        [
            JournalFact.MissingFor(JournalFields.MoodScore),
            new("energy.score", FactProvenance.Inferred, 0.6, Number: 4, Unit: "score"),
        ];

        var inferred = Assert.Single(JournalSamples.From(facts, Extraction.WrittenAt));
        Assert.Equal("journal.energy.score", inferred.Type);
        Assert.Equal(Extraction.WrittenAt, inferred.Time);
        Assert.Equal(FactProvenance.Inferred, inferred.Provenance);
        Assert.Empty(JournalSamples.From(facts, Extraction.WrittenAt, includeInferred: false));
    }

    [Fact]
    public void Every_numeric_field_has_a_sample_type_and_no_text_field_has_one() =>
        Assert.All(JournalFields.All, field => Assert.Equal(field.Kind == FieldKind.Number, field.SampleType is not null));
}
