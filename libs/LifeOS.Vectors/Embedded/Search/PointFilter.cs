using LifeOS.Vectors.Embedded.Storage;

namespace LifeOS.Vectors.Embedded.Search;

/// <summary>A <see cref="VectorFilter"/> resolved against a table's interned users and types, checked on the filter columns.</summary>
internal sealed class PointFilter
{
    private readonly bool[]? _typeMask;
    private readonly long _fromMicros;
    private readonly long _toMicros;
    private readonly string? _sourceId;

    private PointFilter(int user, bool[]? typeMask, long fromMicros, long toMicros, string? sourceId)
    {
        User = user;
        _typeMask = typeMask;
        _fromMicros = fromMicros;
        _toMicros = toMicros;
        _sourceId = sourceId;
        ChecksRows = typeMask is not null || fromMicros != long.MinValue || toMicros != long.MaxValue || sourceId is not null;
    }

    public int User { get; }

    /// <summary>False when the user alone decides: rows of that user need no further check.</summary>
    public bool ChecksRows { get; }

    /// <summary>Resolves a filter; null when it cannot match anything (a user or types the table has never seen).</summary>
    public static PointFilter? Compile(VectorFilter filter, PointTable table)
    {
        if (!table.Users.TryGet(filter.User, out var user))
            return null;

        bool[]? typeMask = null;
        if (filter.Types is not null)
        {
            typeMask = new bool[table.Types.Count];
            var any = false;
            foreach (var type in filter.Types)
            {
                if (table.Types.TryGet(type, out var ordinal))
                    any = typeMask[ordinal] = true;
            }

            if (!any)
                return null;
        }

        var from = filter.From is { } f ? VectorTime.ToMicros(f) : long.MinValue;
        var to = filter.To is { } t ? VectorTime.ToMicros(t) : long.MaxValue;
        return from >= to ? null : new PointFilter(user, typeMask, from, to, filter.SourceId);
    }

    public bool Matches(Partition partition, int row)
    {
        if (partition.Users[row] != User)
            return false;
        if (_typeMask is not null && !_typeMask[partition.Types[row]])
            return false;
        var time = partition.Times[row];
        if (time < _fromMicros || time >= _toMicros)
            return false;
        return _sourceId is null || string.Equals(partition.Payloads[row].SourceId, _sourceId, StringComparison.Ordinal);
    }

    /// <summary>Writes the rows of a partition that pass the filter; returns how many.</summary>
    public int Select(Partition partition, Span<int> rows)
    {
        var count = 0;
        var users = partition.Users.AsSpan(0, partition.Count);
        for (var row = 0; row < users.Length; row++)
        {
            if (users[row] == User && (!ChecksRows || Matches(partition, row)))
                rows[count++] = row;
        }

        return count;
    }
}
