using LifeOS.Contracts.Payloads;

namespace LifeOS.Journal.Tests;

public sealed class FactMergerTests
{
    private static JournalFact Stated(string field, double number, string? unit = null) =>
        new(field, FactProvenance.Explicit, 0.97, Number: number, Unit: unit, Span: new TextSpan(0, 4));

    private static JournalFact StatedText(string field, string text) =>
        new(field, FactProvenance.Explicit, 0.9, Text: text, Span: new TextSpan(0, 4));

    private static JournalFact Guessed(string field, double? number = null, string? text = null, double confidence = 0.7) =>
        new(field, FactProvenance.Inferred, confidence, Number: number, Text: text, Model: "test-model");

    [Fact]
    public void An_inferred_number_never_overrides_an_explicit_one()
    {
        var merged = FactMerger.Merge([Stated("mood.score", 6)], [Guessed("mood.score", 3, confidence: 0.8)]);

        var mood = Assert.Single(merged);
        Assert.Equal(6, mood.Number);
        Assert.Equal(FactProvenance.Explicit, mood.Provenance);
    }

    [Fact]
    public void An_inferred_fact_fills_a_field_the_rules_left_empty()
    {
        var merged = FactMerger.Merge([Stated("mood.score", 6)], [Guessed("energy.score", 4)]);

        var energy = Assert.Single(merged, fact => fact.Field == "energy.score");
        Assert.Equal(FactProvenance.Inferred, energy.Provenance);
        Assert.Equal("test-model", energy.Model);
    }

    [Fact]
    public void Inferred_list_values_add_to_explicit_ones_without_repeating_them()
    {
        var merged = FactMerger.Merge(
            [StatedText("people", "Anna")],
            [Guessed("people", text: "anna"), Guessed("people", text: "Tom")]);

        Assert.Equal(["Anna", "Tom"], merged.Select(fact => fact.Text));
        Assert.Equal([FactProvenance.Explicit, FactProvenance.Inferred], merged.Select(fact => fact.Provenance));
    }

    [Fact]
    public void Inferred_confidence_is_capped_below_every_explicit_confidence()
    {
        var merged = FactMerger.Merge([], [Guessed("stress.score", 7, confidence: 0.99)]);

        var stress = Assert.Single(merged);
        Assert.Equal(FactMerger.InferredCeiling, stress.Confidence);
        Assert.True(stress.Confidence < ExplicitConfidence.Named);
    }

    [Fact]
    public void A_model_claiming_explicit_provenance_is_read_as_inferred()
    {
        var claimed = new JournalFact("sleep.duration", FactProvenance.Explicit, 0.95, Number: 7, Unit: "h", Model: "test-model");

        var merged = FactMerger.Merge([], [claimed]);

        Assert.Equal(FactProvenance.Inferred, Assert.Single(merged).Provenance);
        Assert.Equal(FactMerger.InferredCeiling, merged[0].Confidence);
    }

    [Fact]
    public void Of_two_inferred_values_for_a_single_valued_field_the_more_confident_is_kept()
    {
        var merged = FactMerger.Merge([], [Guessed("mood.score", 4, confidence: 0.5), Guessed("mood.score", 7, confidence: 0.75)]);

        Assert.Equal(7, Assert.Single(merged).Number);
    }

    [Fact]
    public void Repeating_numeric_fields_keep_distinct_inferred_values_when_nothing_is_explicit()
    {
        var merged = FactMerger.Merge([], [Guessed("spending.amount", 4), Guessed("spending.amount", 12)]);

        Assert.Equal([4.0, 12.0], merged.Select(fact => fact.Number!.Value).Order());
    }

    [Fact]
    public void Missing_facts_in_the_input_are_left_for_MissingFacts()
    {
        var merged = FactMerger.Merge([JournalFact.MissingFor(JournalFields.MoodScore)], [JournalFact.MissingFor(JournalFields.EnergyScore)]);

        Assert.Empty(merged);
    }

    [Fact]
    public void The_same_explicit_fact_twice_is_kept_once()
    {
        var merged = FactMerger.Merge([Stated("mood.score", 6), Stated("mood.score", 6)], []);

        Assert.Single(merged);
    }

    [Theory]
    [InlineData("mood.score", 1.2, 6.0, null)]
    [InlineData("mood.score", double.NaN, 6.0, null)]
    [InlineData("mood.score", 0.7, 14.0, null)]
    [InlineData("mood.scores", 0.7, 6.0, null)]
    [InlineData("people", 0.7, null, "")]
    [InlineData("people", 0.7, 3.0, null)]
    public void A_bad_inferred_fact_is_an_error_naming_its_field(string field, double confidence, double? number, string? text)
    {
        var bad = new JournalFact(field, FactProvenance.Inferred, confidence, Number: number, Text: text);

        var error = Assert.Throws<ArgumentException>(() => FactMerger.Merge([], [bad]));
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inferred_fact_passed_as_explicit_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => FactMerger.Merge([Guessed("mood.score", 5)], []));
        Assert.Contains("mood.score", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merging_real_rule_output_with_model_guesses_keeps_every_stated_fact()
    {
        var stated = Extraction.Facts("Mood 6/10. Ran 5k with Anna.");
        var guesses = new[]
        {
            Guessed("mood.score", 8),
            Guessed("exercise.type", text: "running"),
            Guessed("energy.score", 7),
            Guessed("places", text: "park"),
        };

        var merged = FactMerger.Merge(stated, guesses);

        Assert.All(stated, fact => Assert.Contains(fact, merged));
        Assert.Equal(["energy.score", "places"], merged.Where(fact => fact.Provenance == FactProvenance.Inferred).Select(fact => fact.Field).Order());
    }
}
