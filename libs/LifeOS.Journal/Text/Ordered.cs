namespace LifeOS.Journal.Text;

/// <summary>Range queries over lists kept in text order, so a rule looks only at the matches inside one sentence.</summary>
internal static class Ordered
{
    /// <summary>The items whose start lies in <paramref name="range"/>, found by binary search.</summary>
    public static IEnumerable<T> Within<T>(IReadOnlyList<T> items, Func<T, int> start, TextRange range)
    {
        for (var index = FirstFrom(items, start, range.Start); index < items.Count && start(items[index]) < range.End; index++)
        {
            yield return items[index];
        }
    }

    /// <summary>The index of the first item starting at or after <paramref name="position"/> (the count when none does).</summary>
    public static int FirstFrom<T>(IReadOnlyList<T> items, Func<T, int> start, int position)
    {
        var (low, high) = (0, items.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = start(items[middle]) < position ? (middle + 1, high) : (low, middle);
        }

        return low;
    }
}
