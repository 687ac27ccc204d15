using System.Text.RegularExpressions;

namespace LifeOS.Journal.Text;

/// <summary>A distance written in the text, in kilometres.</summary>
/// <param name="BareK">Written as "5k": a distance only when an exercise word stands right next to it ("ran 5k", not "5k followers").</param>
/// <param name="UnitStated">False for race names (marathon), whose distance is known rather than written.</param>
internal sealed record DistanceMention(int Start, int End, double Kilometres, bool BareK, bool UnitStated);

/// <summary>Finds distances: 5 km, 5k, 3.2 miles, 1500m, a mile, half marathon, marathon.</summary>
internal static partial class Distances
{
    private const double KmPerMile = 1.609344;

    public static IReadOnlyList<DistanceMention> Find(string text)
    {
        var found = new List<DistanceMention>();
        foreach (Match match in Pattern().Matches(text))
        {
            var groups = match.Groups;
            var start = match.Index;
            var end = match.Index + match.Length;
            if (groups["half"].Success)
            {
                found.Add(new DistanceMention(start, end, 21.0975, false, false));
            }
            else if (groups["full"].Success)
            {
                found.Add(new DistanceMention(start, end, 42.195, false, false));
            }
            else if (groups["amile"].Success)
            {
                found.Add(new DistanceMention(start, end, KmPerMile, false, true));
            }
            else if (groups["halfmile"].Success)
            {
                found.Add(new DistanceMention(start, end, KmPerMile / 2, false, true));
            }
            else
            {
                var amount = Numbers.Parse(groups["n"].Value);
                var unit = groups["u"].Value.ToUpperInvariant();
                switch (unit)
                {
                    case "K":
                        found.Add(new DistanceMention(start, end, amount, true, true));
                        break;
                    case "MI" or "MILE" or "MILES":
                        found.Add(new DistanceMention(start, end, amount * KmPerMile, false, true));
                        break;
                    case "M" or "METER" or "METERS" or "METRE" or "METRES":
                        // "20m" is as likely minutes as metres; only pool and track distances (100 m and up) are read.
                        if (amount >= 100)
                        {
                            found.Add(new DistanceMention(start, end, amount / 1000, false, true));
                        }

                        break;
                    default:
                        found.Add(new DistanceMention(start, end, amount, false, true));
                        break;
                }
            }
        }

        return found;
    }

    [GeneratedRegex(
        @"(?<![\w.,])(?:" +
        @"(?<half>(?:a\s+)?half[\s-]marathon)" +
        @"|(?<full>marathon)" +
        @"|(?<halfmile>half\s+a\s+mile)" +
        @"|(?<amile>\ba\s+mile\b)" +
        @"|(?<n>" + Numbers.Pattern + @")\s*-?\s*(?<u>km|kms|kilometers?|kilometres?|k|mi|miles?|m|meters?|metres?)(?![\w])" +
        @")",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
