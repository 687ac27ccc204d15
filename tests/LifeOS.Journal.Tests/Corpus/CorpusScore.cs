using System.Globalization;
using System.Text;

namespace LifeOS.Journal.Tests.Corpus;

/// <summary>Micro precision and recall over (field, value) pairs across the corpus, with the misses and false facts listed.</summary>
public sealed class CorpusScore
{
    private readonly Dictionary<string, (int Tp, int Fp, int Fn)> _byField = new(StringComparer.Ordinal);
    private readonly List<string> _misses = [];
    private readonly List<string> _falseFacts = [];

    public int TruePositives { get; private set; }

    public int FalsePositives { get; private set; }

    public int FalseNegatives { get; private set; }

    public int Entries { get; private set; }

    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public IReadOnlyList<string> Misses => _misses;

    public IReadOnlyList<string> FalseFacts => _falseFacts;

    /// <summary>Pairs each expected fact with at most one extracted fact; what is left over on either side is an error.</summary>
    public void Add(CorpusEntry entry, IReadOnlyList<JournalFact> extracted)
    {
        Entries++;
        var unmatched = extracted.ToList();
        foreach (var expected in entry.Expect.Select(ExpectedFact.Parse))
        {
            var hit = unmatched.FindIndex(expected.Matches);
            if (hit >= 0)
            {
                unmatched.RemoveAt(hit);
                TruePositives++;
                Count(expected.Field, tp: 1);
            }
            else
            {
                FalseNegatives++;
                Count(expected.Field, fn: 1);
                _misses.Add($"{entry.Id}: missed {expected}");
            }
        }

        foreach (var fact in unmatched)
        {
            FalsePositives++;
            Count(fact.Field, fp: 1);
            _falseFacts.Add($"{entry.Id}: extra {fact.Field}={fact.Value}{(fact.Unit is null ? "" : " " + fact.Unit)}");
        }
    }

    public string Report()
    {
        var invariant = CultureInfo.InvariantCulture;
        var report = new StringBuilder();
        report.AppendLine(invariant, $"Journal corpus: {Entries} entries, {TruePositives + FalseNegatives} expected facts, {TruePositives + FalsePositives} extracted");
        report.AppendLine(invariant, $"precision {Precision:0.000}  recall {Recall:0.000}  F1 {F1:0.000}  (tp {TruePositives}, fp {FalsePositives}, fn {FalseNegatives})");
        report.AppendLine("field                 precision  recall   tp  fp  fn");
        foreach (var (field, (tp, fp, fn)) in _byField.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            report.AppendLine(invariant, $"{field,-21} {Ratio(tp, tp + fp),9:0.000} {Ratio(tp, tp + fn),7:0.000} {tp,4} {fp,3} {fn,3}");
        }

        foreach (var line in _misses.Concat(_falseFacts))
        {
            report.AppendLine(line);
        }

        return report.ToString();
    }

    private void Count(string field, int tp = 0, int fp = 0, int fn = 0)
    {
        var (oldTp, oldFp, oldFn) = _byField.GetValueOrDefault(field);
        _byField[field] = (oldTp + tp, oldFp + fp, oldFn + fn);
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}
