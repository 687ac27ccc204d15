namespace LifeOS.Journal.Tests.Corpus;

/// <summary>The deterministic extractor against the hand-written corpus: precision and recall are printed and held above floors.</summary>
public sealed class CorpusTests
{
    // Floors sit just under what the extractor reaches, so a rule change that loses ground fails here.
    private const double PrecisionFloor = 0.95;
    private const double RecallFloor = 0.90;

    private static readonly DateTimeOffset WrittenAt = new(2026, 11, 22, 21, 30, 0, TimeSpan.FromHours(1));

    [Fact]
    public void The_corpus_holds_at_least_sixty_entries_with_well_formed_expectations()
    {
        var entries = CorpusEntry.Load();

        Assert.True(entries.Count >= 60, $"the corpus has {entries.Count} entries");
        Assert.Equal(entries.Count, entries.Select(entry => entry.Id).Distinct().Count());
        Assert.Contains(entries, entry => entry.Expect.Count == 0);
        Assert.Contains(entries, entry => entry.Trap is not null);
        foreach (var entry in entries)
        {
            foreach (var line in entry.Expect)
            {
                _ = ExpectedFact.Parse(line);
            }
        }
    }

    [Fact]
    public void Precision_and_recall_over_the_corpus_stay_above_their_floors()
    {
        var extractor = new DeterministicJournalExtractor();
        var score = new CorpusScore();
        foreach (var entry in CorpusEntry.Load())
        {
            score.Add(entry, extractor.Extract(entry.Text, WrittenAt).Facts);
        }

        var report = score.Report();
        Console.WriteLine(report);
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        TestContext.Current.SendDiagnosticMessage(report);

        Assert.True(score.Precision >= PrecisionFloor, $"precision {score.Precision:0.000} < {PrecisionFloor}\n{report}");
        Assert.True(score.Recall >= RecallFloor, $"recall {score.Recall:0.000} < {RecallFloor}\n{report}");
    }

    [Fact]
    public void Every_extracted_fact_is_explicit_with_a_span_inside_the_text_and_a_catalogued_value()
    {
        var extractor = new DeterministicJournalExtractor();
        foreach (var entry in CorpusEntry.Load())
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
}
