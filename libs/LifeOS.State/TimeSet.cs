namespace LifeOS.State;

/// <summary>The in-process time-indexed set: members ordered by time (Unix milliseconds), then ordinally, like a
/// Redis sorted set scored by time.</summary>
internal sealed class TimeSet
{
    private static readonly Comparer<(long Score, string Member)> Order = Comparer<(long Score, string Member)>.Create(
        (a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(a.Member, b.Member));

    private readonly SortedSet<(long Score, string Member)> _ordered = new(Order);
    private readonly Dictionary<string, long> _scores = new(StringComparer.Ordinal);

    public int Count => _scores.Count;

    public void Add(string member, long score)
    {
        if (_scores.TryGetValue(member, out var old))
            _ordered.Remove((old, member));
        _scores[member] = score;
        _ordered.Add((score, member));
    }

    public bool Remove(string member)
    {
        if (!_scores.Remove(member, out var score))
            return false;
        _ordered.Remove((score, member));
        return true;
    }

    public List<TimedMember> Range(long from, long to)
    {
        if (from > to)
            return [];
        // string.Empty sorts first among members of one score, so the view runs from the first member at 'from' to the
        // first possible member after 'to', which the filter then drops.
        return _ordered.GetViewBetween((from, string.Empty), (to + 1, string.Empty))
            .Where(item => item.Score <= to)
            .Select(item => new TimedMember(item.Member, DateTimeOffset.FromUnixTimeMilliseconds(item.Score)))
            .ToList();
    }

    public long RemoveBefore(long before)
    {
        var doomed = _ordered.TakeWhile(item => item.Score < before).ToList();
        foreach (var (score, member) in doomed)
        {
            _ordered.Remove((score, member));
            _scores.Remove(member);
        }

        return doomed.Count;
    }
}
