namespace LifeOS.Journal.Tests;

public sealed class ExtractorInputTests
{
    private readonly DeterministicJournalExtractor _extractor = new();

    [Fact]
    public void Null_text_is_an_error() =>
        Assert.Throws<ArgumentNullException>(() => _extractor.Extract(null!, Extraction.WrittenAt));

    [Fact]
    public void Text_over_the_topic_limit_is_an_error_that_says_the_limit()
    {
        var error = Assert.Throws<ArgumentException>(() => _extractor.Extract(new string('a', DeterministicJournalExtractor.MaxTextLength + 1), Extraction.WrittenAt));

        Assert.Contains("50000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("....!!!???")]
    [InlineData("12345 67 / 10 $ € £")]
    public void Empty_or_odd_text_gives_no_facts(string text) =>
        Assert.Empty(_extractor.Extract(text, Extraction.WrittenAt).Facts);

    [Fact]
    public void A_long_entry_at_the_limit_is_read_to_its_end()
    {
        var filler = string.Concat(Enumerable.Repeat("Nothing much happened today. ", 1700));
        var text = filler + "Mood 6/10.";
        Assert.True(text.Length <= DeterministicJournalExtractor.MaxTextLength);

        var mood = Assert.Single(_extractor.Extract(text, Extraction.WrittenAt).Facts);

        Assert.Equal(6, mood.Number);
        Assert.Equal(filler.Length, mood.Span!.Start);
    }

    // Entries of the largest size made of one repeated phrase: each rule looks only a bounded distance around a
    // match, so these finish (they took tens of seconds when rules rescanned whole clauses) and read correctly.
    [Theory]
    [InlineData("had ", 0)]
    [InlineData("$5 ", 0)]
    [InlineData("soup for lunch ", 1)]
    [InlineData("mood 6/10. ", 4_545)]
    [InlineData("ran 5k ", 7_144)]
    public void Entries_of_the_largest_size_made_of_one_phrase_are_read_in_full(string phrase, int facts)
    {
        var text = string.Concat(Enumerable.Repeat(phrase, (DeterministicJournalExtractor.MaxTextLength / phrase.Length) + 1))[..DeterministicJournalExtractor.MaxTextLength];

        Assert.Equal(facts, _extractor.Extract(text, Extraction.WrittenAt).Facts.Count);
    }

    [Fact]
    public void The_same_entry_gives_the_same_facts_every_time()
    {
        const string text = "Slept 7h20. Ran 5k with Anna in 27 min. $12.50 on lunch. Mood 6/10.";

        Assert.Equal(_extractor.Extract(text, Extraction.WrittenAt).Facts, _extractor.Extract(text, Extraction.WrittenAt).Facts);
    }
}
