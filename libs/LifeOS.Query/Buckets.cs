using System.Globalization;

namespace LifeOS.Query;

/// <summary>Parses bucket widths like <c>30s</c>, <c>15m</c>, <c>1h</c>, <c>1d</c>, <c>1w</c>.</summary>
public static class Buckets
{
    public static readonly TimeSpan Smallest = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Largest = TimeSpan.FromDays(366);

    public static bool TryParse(string text, out TimeSpan width)
    {
        width = default;
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
            return false;

        width = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(count),
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            'w' => TimeSpan.FromDays(7.0 * count),
            _ => TimeSpan.Zero,
        };
        return width >= Smallest && width <= Largest;
    }
}
