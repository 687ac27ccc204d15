using LifeOS.Vectors.Embedded.Search;

namespace LifeOS.Vectors.Embedded.Storage;

/// <summary>All live points of a collection in dense partitions, found by id; not thread-safe (the index holds the lock).</summary>
/// <remarks>
/// A delete moves the table's last row into the hole, so every partition but the last stays full and a scan never
/// reads a dead row. Slots are (partition, row) packed into a long.
/// </remarks>
internal sealed class PointTable(VectorQuantization quantization, int partitionSize, int dimension)
{
    private readonly List<Partition> _partitions = [];
    private readonly Dictionary<string, long> _slots = new(StringComparer.Ordinal);

    public Interner Users { get; } = new();

    public Interner Types { get; } = new();

    public IReadOnlyList<Partition> Partitions => _partitions;

    public VectorQuantization Quantization { get; } = quantization;

    public int Count => _slots.Count;

    public bool Contains(string id) => _slots.ContainsKey(id);

    /// <summary>Inserts or replaces a point; returns true when it replaced one.</summary>
    public bool Upsert(string id, ReadOnlySpan<float> unit, VectorPayload payload, long logOffset)
    {
        var keys = new PointKeys(Users.Intern(payload.User), Types.Intern(payload.Type), VectorTime.ToMicros(payload.Time));
        if (_slots.TryGetValue(id, out var slot))
        {
            _partitions[PartitionOf(slot)].Set(RowOf(slot), id, unit, keys, payload, logOffset);
            return true;
        }

        if (_partitions.Count == 0 || _partitions[^1].IsFull)
            _partitions.Add(new Partition(Quantization, partitionSize, dimension));
        var partition = _partitions.Count - 1;
        var row = _partitions[partition].Append(id, unit, keys, payload, logOffset);
        _slots.Add(id, Pack(partition, row));
        return false;
    }

    public bool Remove(string id)
    {
        if (!_slots.Remove(id, out var slot))
            return false;

        var (partition, row) = (PartitionOf(slot), RowOf(slot));
        var last = _partitions[^1];
        var lastRow = last.Count - 1;
        if (partition != _partitions.Count - 1 || row != lastRow)
        {
            var target = _partitions[partition];
            target.CopyFrom(last, lastRow, row);
            _slots[target.Ids[row]] = slot;
        }

        last.RemoveLast();
        if (last.Count == 0)
            _partitions.RemoveAt(_partitions.Count - 1);
        return true;
    }

    /// <summary>Removes every point the filter matches; returns how many.</summary>
    public int RemoveWhere(PointFilter filter)
    {
        var doomed = Matching(filter).ToList();
        foreach (var id in doomed)
            Remove(id);
        return doomed.Count;
    }

    public IEnumerable<string> Matching(PointFilter filter)
    {
        foreach (var partition in _partitions)
        {
            if (partition.RowsOf(filter.User) == 0)
                continue;
            for (var row = 0; row < partition.Count; row++)
            {
                if (filter.Matches(partition, row))
                    yield return partition.Ids[row];
            }
        }
    }

    public (string Id, VectorPayload Payload) At(long slot)
    {
        var partition = _partitions[PartitionOf(slot)];
        var row = RowOf(slot);
        return (partition.Ids[row], partition.Payloads[row]);
    }

    /// <summary>Log offsets of every live point: the records a compaction keeps.</summary>
    public List<long> LiveLogOffsets()
    {
        var offsets = new List<long>(Count);
        foreach (var partition in _partitions)
            offsets.AddRange(partition.LogOffsets.AsSpan(0, partition.Count));
        return offsets;
    }

    /// <summary>Points every row at its record's place in a compacted log.</summary>
    public void RemapLogOffsets(IReadOnlyDictionary<long, long> moved)
    {
        foreach (var partition in _partitions)
        {
            var offsets = partition.LogOffsets;
            for (var row = 0; row < partition.Count; row++)
                offsets[row] = moved[offsets[row]];
        }
    }

    public static long Pack(int partition, int row) => ((long)partition << 32) | (uint)row;

    private static int PartitionOf(long slot) => (int)(slot >> 32);

    private static int RowOf(long slot) => (int)(slot & 0xFFFF_FFFF);
}
