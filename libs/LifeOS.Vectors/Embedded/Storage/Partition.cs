namespace LifeOS.Vectors.Embedded.Storage;

/// <summary>A fixed-capacity block of rows: vectors plus the columns filters read (user, type, time) and what hits return.</summary>
/// <remarks>Filters read small int/long columns, so a search touches a row's vector only after the row passed the filter.</remarks>
internal sealed class Partition
{
    private readonly Dictionary<int, int> _rowsPerUser = [];

    public Partition(VectorQuantization quantization, int capacity, int dimension)
    {
        Vectors = VectorRows.Create(quantization, capacity, dimension);
        Users = new int[capacity];
        Types = new int[capacity];
        Times = new long[capacity];
        Ids = new string[capacity];
        Payloads = new VectorPayload[capacity];
        LogOffsets = new long[capacity];
    }

    public VectorRows Vectors { get; }

    public int[] Users { get; }

    public int[] Types { get; }

    public long[] Times { get; }

    public string[] Ids { get; }

    public VectorPayload[] Payloads { get; }

    /// <summary>Where each row's upsert record sits in the log; compaction keeps exactly these records.</summary>
    public long[] LogOffsets { get; }

    public int Count { get; private set; }

    public int Capacity => Users.Length;

    public bool IsFull => Count == Capacity;

    /// <summary>How many rows this partition holds for a user, so a search can skip partitions without any.</summary>
    public int RowsOf(int user) => _rowsPerUser.GetValueOrDefault(user);

    /// <summary>True when every row belongs to one user: the search can score rows without reading the filter columns.</summary>
    public bool OnlyUser(int user) => _rowsPerUser.Count == 1 && RowsOf(user) == Count;

    public int Append(string id, ReadOnlySpan<float> unit, in PointKeys keys, VectorPayload payload, long logOffset)
    {
        var row = Count++;
        Set(row, id, unit, keys, payload, logOffset);
        return row;
    }

    public void Set(int row, string id, ReadOnlySpan<float> unit, in PointKeys keys, VectorPayload payload, long logOffset)
    {
        Forget(row);
        Vectors.Write(row, unit);
        Ids[row] = id;
        Users[row] = keys.User;
        Types[row] = keys.Type;
        Times[row] = keys.TimeMicros;
        Payloads[row] = payload;
        LogOffsets[row] = logOffset;
        _rowsPerUser[keys.User] = RowsOf(keys.User) + 1;
    }

    /// <summary>Overwrites a row with a row of another partition (the last row of the table, moved into a hole).</summary>
    public void CopyFrom(Partition source, int sourceRow, int row)
    {
        Forget(row);
        source.Vectors.CopyRow(sourceRow, Vectors, row);
        Ids[row] = source.Ids[sourceRow];
        Users[row] = source.Users[sourceRow];
        Types[row] = source.Types[sourceRow];
        Times[row] = source.Times[sourceRow];
        Payloads[row] = source.Payloads[sourceRow];
        LogOffsets[row] = source.LogOffsets[sourceRow];
        _rowsPerUser[Users[row]] = RowsOf(Users[row]) + 1;
    }

    /// <summary>Drops the last row; the caller has already copied it elsewhere if it was still wanted.</summary>
    public void RemoveLast()
    {
        var row = --Count;
        Forget(row);
    }

    private void Forget(int row)
    {
        if (Ids[row] is null)
            return;
        var user = Users[row];
        var left = RowsOf(user) - 1;
        if (left == 0)
            _rowsPerUser.Remove(user);
        else
            _rowsPerUser[user] = left;
        Ids[row] = null!;
        Payloads[row] = null!;
    }
}

/// <summary>The interned filter keys of one point.</summary>
internal readonly record struct PointKeys(int User, int Type, long TimeMicros);
