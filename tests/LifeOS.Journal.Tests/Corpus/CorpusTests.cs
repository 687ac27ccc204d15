namespace LifeOS.Journal.Tests.Corpus;

/// <summary>The deterministic extractor against the hand-written corpora: precision and recall are printed and held above floors.</summary>
/// <remarks>
/// Two sets: the development set, which the rules were written against, and a held-out set written afterwards and
/// never tuned on. The held-out figures are the honest estimate for new text. Each floor sits just under what the
/// extractor reaches, so a rule change that loses ground fails here.
/// </remarks>
public sealed class CorpusTests
{
    private static readonly DateTimeOffset WrittenAt = new(2026, 11, 22, 21, 30, 0, TimeSpan.FromHours(1));

    [Theory]
    [InlineData(CorpusEntry.Development, 60)]
    [InlineData(CorpusEntry.HeldOut, 50)]
    public void A_corpus_holds_enough_entries_with_well_formed_expectations(string file, int least)
    {
        var entries = CorpusEntry.Load(file);

        Assert.True(entries.Count >= least, $"{file} has {entries.Count} entries");
        Assert.Equal(entries.Count, entries.Select(entry => entry.Id).Distinct().Count());
        Assert.Contains(entries, entry => entry.Expect.Count == 0);
        Assert.Contains(entries, entry => entry.Trap is not null);
        foreach (var line in entries.SelectMany(entry => entry.Expect))
        {
            _ = ExpectedFact.Parse(line);
        }
    }

    [Theory]
    [InlineData(CorpusEntry.Development, 0.98, 0.97)]
    [InlineData(CorpusEntry.HeldOut, 0.95, 0.78)]
    public void Precision_and_recall_stay_above_their_floors(string file, double precisionFloor, double recallFloor)
    {
        var score = Score(file);

        var report = $"[{file}] {score.Report()}";
        // The output helper shows in `dotnet test --logger "console;verbosity=normal"` (xunit.runner.json turns on
        // diagnostic messages, which echo test output); the console copy shows under the test's standard output.
        Console.WriteLine(report);
        TestContext.Current.TestOutputHelper?.WriteLine(report);

        Assert.True(score.Precision >= precisionFloor, $"precision {score.Precision:0.000} < {precisionFloor}\n{report}");
        Assert.True(score.Recall >= recallFloor, $"recall {score.Recall:0.000} < {recallFloor}\n{report}");
    }

    [Theory]
    [InlineData(CorpusEntry.Development)]
    [InlineData(CorpusEntry.HeldOut)]
    public void Every_extracted_fact_is_explicit_with_a_span_inside_the_text_and_a_catalogued_value(string file)
    {
        var extractor = new DeterministicJournalExtractor();
        foreach (var entry in CorpusEntry.Load(file))
        {
            foreach (var fact in extractor.Extract(entry.Text, WrittenAt).Facts)
            {
                fact.Validate();
                Assert.Equal(FactProvenance.Explicit, fact.Provenance);
                Assert.InRange(fact.Confidence, 0.9, 1.0);
                var span = Assert.IsType<LifeOS.Contracts.Payloads.TextSpan>(fact.Span);
                Assert.InRange(span.Start, 0, entry.Text.Length - 1);
                Assert.InRange(span.End, span.Start + 1, entry.Text.Length);
                Assert.NotNull(fact.Time);
            }
        }
    }

    private static CorpusScore Score(string file)
    {
        var extractor = new DeterministicJournalExtractor();
        var score = new CorpusScore();
        foreach (var entry in CorpusEntry.Load(file))
        {
            score.Add(entry, extractor.Extract(entry.Text, WrittenAt).Facts);
        }

        return score;
    }
}
