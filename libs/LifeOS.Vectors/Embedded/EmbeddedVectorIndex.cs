using System.Buffers;
using LifeOS.Vectors.Embedded.Persistence;
using LifeOS.Vectors.Embedded.Search;
using LifeOS.Vectors.Embedded.Storage;

namespace LifeOS.Vectors.Embedded;

/// <summary>The in-process vector index: exact cosine search over SIMD-scored rows, persisted as an fsynced log under the data dir.</summary>
/// <remarks>
/// Writers take turns on a gate: each write is appended to the log and fsynced before it changes memory, so anything
/// acknowledged survives a process kill. Searches run under a read lock, in parallel with a writer's fsync.
/// One process owns a collection directory at a time.
/// </remarks>
public sealed class EmbeddedVectorIndex : IVectorIndex, IDisposable
{
    private readonly EmbeddedVectorIndexOptions _options;
    private readonly PointTable _table;
    private readonly VectorLog _log;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ReaderWriterLockSlim _tableLock = new();
    private bool _disposed;

    public EmbeddedVectorIndex(EmbeddedVectorIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _table = new PointTable(options.Quantization, options.PartitionSize, options.Dimension);

        Directory.CreateDirectory(options.CollectionDirectory);
        var path = Path.Combine(options.CollectionDirectory, "points.log");
        LogCompactor.DiscardInterrupted(path);
        _log = VectorLog.Open(path, options.Dimension, Replay);
    }

    public string Collection => _options.Collection;

    public int Dimension => _options.Dimension;

    public VectorQuantization Quantization => _options.Quantization;

    /// <summary>Live points in the collection.</summary>
    public int Count
    {
        get
        {
            _tableLock.EnterReadLock();
            try
            {
                return _table.Count;
            }
            finally
            {
                _tableLock.ExitReadLock();
            }
        }
    }

    /// <summary>Size of the log file on disk, in bytes.</summary>
    public long LogBytes => _log.Length;

    /// <summary>Bytes of an incomplete last record cut off when the log was opened (what a crash mid-append leaves).</summary>
    public long RecoveredTornBytes => _log.TruncatedBytes;

    public Task EnsureCollectionAsync(CancellationToken cancellationToken = default)
    {
        // Opening the index created (or checked) the collection's log and its dimension.
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Task.CompletedTask;
    }

    public async Task UpsertAsync(IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var unique = VectorValidation.LastPerId(points);
        var units = new float[unique.Count][];
        for (var i = 0; i < unique.Count; i++)
            units[i] = VectorValidation.Validate(unique[i], Dimension);
        if (unique.Count == 0)
            return;

        var encoded = new ArrayBufferWriter<byte>();
        var offsets = new int[unique.Count];
        for (var i = 0; i < unique.Count; i++)
            offsets[i] = RecordCodec.WriteUpsert(encoded, unique[i].Id, units[i], unique[i].Payload);

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var start = _log.Append(encoded.WrittenSpan, unique.Count);
            WithTableWriteLock(() =>
            {
                for (var i = 0; i < unique.Count; i++)
                    _table.Upsert(unique[i].Id, units[i], unique[i].Payload, start + offsets[i]);
            });
            CompactIfWorthIt();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(ids);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // Only writers change the table and this one holds the gate, so reading it without the lock is safe here.
            var present = ids.Where(id => id is not null && _table.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
            if (present.Count == 0)
                return;

            var encoded = new ArrayBufferWriter<byte>();
            RecordCodec.WriteDeleteIds(encoded, present);
            _log.Append(encoded.WrittenSpan, 1);
            WithTableWriteLock(() =>
            {
                foreach (var id in present)
                    _table.Remove(id);
            });
            CompactIfWorthIt();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task DeleteAsync(VectorFilter filter, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        VectorValidation.Validate(filter);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var compiled = PointFilter.Compile(filter, _table);
            if (compiled is null || !_table.Matching(compiled).Any())
                return;

            // The filter itself is logged, not the ids it hit: a user's data is one small record, and replaying it at the
            // same place in the log removes exactly the same points.
            var encoded = new ArrayBufferWriter<byte>();
            RecordCodec.WriteDeleteFilter(encoded, filter);
            _log.Append(encoded.WrittenSpan, 1);
            WithTableWriteLock(() => _table.RemoveWhere(compiled));
            CompactIfWorthIt();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task<IReadOnlyList<VectorHit>> SearchAsync(VectorQuery query, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var unit = VectorValidation.Validate(query, Dimension);
        cancellationToken.ThrowIfCancellationRequested();
        var prepared = new PreparedQuery(unit, _options.Quantization);

        _tableLock.EnterReadLock();
        try
        {
            var filter = PointFilter.Compile(query.Filter, _table);
            if (filter is null)
                return Task.FromResult<IReadOnlyList<VectorHit>>([]);

            var best = PartitionScanner.Search(_table, filter, prepared, query.Limit, _options.ParallelScanThreshold);
            var hits = new VectorHit[best.Length];
            for (var i = 0; i < best.Length; i++)
            {
                var (id, payload) = _table.At(best[i].Slot);
                hits[i] = new VectorHit(id, best[i].Score, payload);
            }

            return Task.FromResult<IReadOnlyList<VectorHit>>(hits);
        }
        finally
        {
            _tableLock.ExitReadLock();
        }
    }

    public Task<long> CountAsync(VectorFilter filter, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        VectorValidation.Validate(filter);
        _tableLock.EnterReadLock();
        try
        {
            var compiled = PointFilter.Compile(filter, _table);
            return Task.FromResult(compiled is null ? 0L : _table.Matching(compiled).LongCount());
        }
        finally
        {
            _tableLock.ExitReadLock();
        }
    }

    /// <summary>Rewrites the log with only the live points, whatever its size.</summary>
    public async Task CompactAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Compact();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _writeGate.Wait();
        try
        {
            _disposed = true;
            _log.Dispose();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void Replay(LogRecord record, long offset)
    {
        switch (record)
        {
            case UpsertRecord upsert:
                _table.Upsert(upsert.Id, upsert.Unit, upsert.Payload, offset);
                break;
            case DeleteIdsRecord delete:
                foreach (var id in delete.Ids)
                    _table.Remove(id);
                break;
            case DeleteFilterRecord delete when PointFilter.Compile(delete.Filter, _table) is { } filter:
                _table.RemoveWhere(filter);
                break;
        }
    }

    private void CompactIfWorthIt()
    {
        var superseded = _log.Records - _table.Count;
        if (_log.Length >= _options.CompactionMinBytes && superseded > _table.Count)
            Compact();
    }

    private void Compact()
    {
        // The gate keeps writers out, so the offsets are stable while the copy runs; searches carry on meanwhile.
        var moved = LogCompactor.Compact(_log, _table.LiveLogOffsets(), Dimension);
        WithTableWriteLock(() => _table.RemapLogOffsets(moved));
    }

    private void WithTableWriteLock(Action change)
    {
        _tableLock.EnterWriteLock();
        try
        {
            change();
        }
        finally
        {
            _tableLock.ExitWriteLock();
        }
    }
}
