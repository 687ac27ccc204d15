using System.Text.RegularExpressions;

namespace LifeOS.Journal.Text;

/// <summary>A time of day as written ("11:30", "11pm", "7", "midnight"): hour 0–23 when am/pm settles it, else the written 1–12 hour.</summary>
internal readonly partial record struct ClockTime(int Hour, int Minute, bool Settled)
{
    /// <summary>A regex fragment matching one time of day.</summary>
    public const string Pattern = @"(?:midnight|noon|\d{1,2}(?::[0-5]\d)?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?)";

    public static ClockTime Parse(string token)
    {
        var text = token.Trim().ToUpperInvariant();
        if (text == "MIDNIGHT")
        {
            return new ClockTime(0, 0, true);
        }

        if (text == "NOON")
        {
            return new ClockTime(12, 0, true);
        }

        var match = Shape().Match(text);
        var hour = int.Parse(match.Groups["h"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var meridiem = match.Groups["ap"].Value.Replace(".", "", StringComparison.Ordinal);
        if (meridiem.Length == 0)
        {
            // A 24-hour time (13:00 and up, or 00:xx) is settled without am/pm.
            return new ClockTime(hour, minute, hour > 12 || hour == 0);
        }

        hour %= 12;
        return new ClockTime(meridiem == "PM" ? hour + 12 : hour, minute, true);
    }

    /// <summary>Minutes after midnight, reading an unsettled hour as evening when <paramref name="evening"/> (bedtimes), else as written.</summary>
    public int MinutesAfterMidnight(bool evening)
    {
        var hour = Hour;
        if (!Settled)
        {
            // Bedtimes from 6 to 11 are evening ("bed at 11"); 12 is midnight; 1 to 5 are after midnight.
            hour = evening ? (hour == 12 ? 0 : hour >= 6 ? hour + 12 : hour) : hour;
        }

        return (hour * 60) + Minute;
    }

    [GeneratedRegex(@"^(?<h>\d{1,2})(?::(?<m>\d{2}))?\s*(?<ap>AM|PM|A\.M\.|P\.M\.)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
