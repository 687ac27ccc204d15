using LifeOS.Contracts.Payloads;

namespace LifeOS.Journal.Tests;

public sealed class JournalFactTests
{
    [Fact]
    public void A_fact_maps_onto_the_parsed_topic_contract()
    {
        var fact = Extraction.Single("Slept 7h20.", JournalFields.SleepDuration);

        var parsed = fact.ToParsedFact();

        Assert.Equal(new ParsedFact("sleep.duration", fact.Confidence, "explicit", "7.3333", 7.3333, "h", new TextSpan(0, 10), null), parsed);
    }

    [Fact]
    public void Text_facts_carry_their_text_as_value_and_no_number()
    {
        var parsed = Extraction.Single("Met Sarah.", JournalFields.People).ToParsedFact();

        Assert.Equal("Sarah", parsed.Value);
        Assert.Null(parsed.NumericValue);
    }

    [Theory]
    [InlineData(FactProvenance.Explicit, "explicit")]
    [InlineData(FactProvenance.Inferred, "inferred")]
    [InlineData(FactProvenance.Missing, "missing")]
    public void Provenance_round_trips_through_its_wire_spelling(FactProvenance provenance, string wire)
    {
        Assert.Equal(wire, provenance.ToWire());
        Assert.Equal(provenance, FactProvenanceNames.Parse(wire));
    }

    [Fact]
    public void An_unknown_provenance_spelling_is_an_error_that_quotes_it() =>
        Assert.Contains("'guessed'", Assert.Throws<FormatException>(() => FactProvenanceNames.Parse("guessed")).Message, StringComparison.Ordinal);

    [Fact]
    public void A_missing_fact_with_a_value_is_invalid() =>
        Assert.Throws<ArgumentException>(() => new JournalFact("mood.score", FactProvenance.Missing, 1, Number: 5).Validate());

    [Fact]
    public void A_span_that_runs_backwards_is_invalid() =>
        Assert.Throws<ArgumentException>(() => new JournalFact("mood.score", FactProvenance.Explicit, 0.97, Number: 5, Span: new TextSpan(9, 3)).Validate());

    [Fact]
    public void The_catalogue_names_every_field_the_issue_asks_for()
    {
        string[] required =
        [
            "sleep.duration", "sleep.quality", "mood.score", "energy.score", "stress.score", "exercise.type",
            "exercise.duration", "exercise.distance", "food.items", "spending.amount", "work.duration", "people",
            "places", "activities",
        ];

        Assert.Equal(required.Order(), JournalFields.All.Select(field => field.Name).Order());
        Assert.Throws<ArgumentException>(() => JournalFields.Get("sleep.hours"));
    }
}
