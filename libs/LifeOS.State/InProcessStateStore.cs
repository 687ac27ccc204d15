using System.Globalization;
using System.Text;

namespace LifeOS.State;

/// <summary>The embedded <see cref="IStateStore"/>: one process's memory, for the single-process shape of LifeOS.</summary>
/// <remarks>
/// It mirrors Redis's semantics (expiry to the millisecond, counters stored as decimal text, empty hashes and sets
/// vanish) so code that passes against it passes against <c>RedisStateStore</c>. Time comes from a
/// <see cref="TimeProvider"/> so tests can move the clock instead of sleeping. One lock guards everything: every
/// operation is a few dictionary steps, far cheaper than contention-splitting would be worth.
/// </remarks>
public sealed class InProcessStateStore(TimeProvider? timeProvider = null) : IStateStore
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Expiry deadlines in due order, so expired keys are dropped without scanning everything. A key whose deadline
    // moved leaves a stale item behind; it is recognised (the entry's deadline differs) and skipped when it comes up.
    private readonly PriorityQueue<string, DateTimeOffset> _deadlines = new();

    /// <summary>How many live keys the store holds (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                DropExpired(_time.GetUtcNow());
                return _entries.Count;
            }
        }
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        lock (_gate)
        {
            var entry = Live(key, _time.GetUtcNow());
            return Task.FromResult(entry is null ? null : (byte[]?)ValueOf(key, entry).ToArray());
        }
    }

    public Task SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        var ttlMs = StateArguments.TtlMilliseconds(ttl);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            DropExpired(now);
            Put(key, value.ToArray(), now, ttlMs);
        }

        return Task.CompletedTask;
    }

    public Task<bool> SetIfAbsentAsync(string key, ReadOnlyMemory<byte> value, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        var ttlMs = StateArguments.TtlMilliseconds(ttl);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (Live(key, now) is not null)
                return Task.FromResult(false);
            Put(key, value.ToArray(), now, ttlMs);
            return Task.FromResult(true);
        }
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        lock (_gate)
        {
            var existed = Live(key, _time.GetUtcNow()) is not null;
            _entries.Remove(key);
            return Task.FromResult(existed);
        }
    }

    public Task<CounterWindow> IncrementAsync(string key, TimeSpan window, long by = 1, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        var windowMs = StateArguments.TtlMilliseconds(window, nameof(window));
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var entry = Live(key, now);
            if (entry is null)
            {
                entry = Put(key, Encode(by), now, windowMs);
                return Task.FromResult(new CounterWindow(by, entry.ExpiresAt - now));
            }

            var current = ValueOf(key, entry);
            if (!long.TryParse(current, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                throw new StateKindMismatchException(key, "holds a value that is not an integer counter");
            // The window is fixed: only the first increment sets the expiry, later ones keep it.
            var next = checked(value + by);
            entry.Data = Encode(next);
            return Task.FromResult(new CounterWindow(next, entry.ExpiresAt - now));
        }
    }

    public Task<long> HashPutAsync(string key, string field, ReadOnlyMemory<byte> value, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        ArgumentNullException.ThrowIfNull(field);
        var ttlMs = StateArguments.TtlMilliseconds(ttl);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var entry = Live(key, now);
            var hash = entry is null ? new Dictionary<string, byte[]>(StringComparer.Ordinal) : HashOf(key, entry);
            hash[field] = value.ToArray();
            Put(key, hash, now, ttlMs);
            return Task.FromResult((long)hash.Count);
        }
    }

    public Task<IReadOnlyDictionary<string, byte[]>> HashGetAllAsync(string key, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        lock (_gate)
        {
            var entry = Live(key, _time.GetUtcNow());
            var copy = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            if (entry is not null)
            {
                foreach (var (field, value) in HashOf(key, entry))
                    copy[field] = value.ToArray();
            }

            return Task.FromResult<IReadOnlyDictionary<string, byte[]>>(copy);
        }
    }

    public Task<bool> HashDeleteAsync(string key, string field, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        ArgumentNullException.ThrowIfNull(field);
        lock (_gate)
        {
            var entry = Live(key, _time.GetUtcNow());
            if (entry is null)
                return Task.FromResult(false);
            var hash = HashOf(key, entry);
            var removed = hash.Remove(field);
            if (hash.Count == 0)
                _entries.Remove(key);
            return Task.FromResult(removed);
        }
    }

    public Task TimeSetAddAsync(string key, string member, DateTimeOffset at, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        ArgumentNullException.ThrowIfNull(member);
        var ttlMs = StateArguments.TtlMilliseconds(ttl);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var entry = Live(key, now);
            var set = entry is null ? new TimeSet() : TimeSetOf(key, entry);
            set.Add(member, StateArguments.Score(at));
            Put(key, set, now, ttlMs);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TimedMember>> TimeSetRangeAsync(string key, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        lock (_gate)
        {
            var entry = Live(key, _time.GetUtcNow());
            IReadOnlyList<TimedMember> members = entry is null
                ? []
                : TimeSetOf(key, entry).Range(StateArguments.Score(from), StateArguments.Score(to));
            return Task.FromResult(members);
        }
    }

    public Task<bool> TimeSetRemoveAsync(string key, string member, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        ArgumentNullException.ThrowIfNull(member);
        lock (_gate)
        {
            var entry = Live(key, _time.GetUtcNow());
            if (entry is null)
                return Task.FromResult(false);
            var set = TimeSetOf(key, entry);
            var removed = set.Remove(member);
            if (set.Count == 0)
                _entries.Remove(key);
            return Task.FromResult(removed);
        }
    }

    public Task<long> TimeSetRemoveBeforeAsync(string key, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        lock (_gate)
        {
            var entry = Live(key, _time.GetUtcNow());
            if (entry is null)
                return Task.FromResult(0L);
            var set = TimeSetOf(key, entry);
            var removed = set.RemoveBefore(StateArguments.Score(before));
            if (set.Count == 0)
                _entries.Remove(key);
            return Task.FromResult(removed);
        }
    }

    public Task<bool> TryAcquireLockAsync(string key, string token, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        SetIfAbsentAsync(key, Encoding.UTF8.GetBytes(StateArguments.Token(token)), ttl, cancellationToken);

    public Task<bool> ReleaseLockAsync(string key, string token, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        var owner = Encoding.UTF8.GetBytes(StateArguments.Token(token));
        lock (_gate)
        {
            var entry = Live(key, _time.GetUtcNow());
            if (entry is null || !ValueOf(key, entry).SequenceEqual(owner))
                return Task.FromResult(false);
            _entries.Remove(key);
            return Task.FromResult(true);
        }
    }

    private static void Begin(string key, CancellationToken cancellationToken)
    {
        StateArguments.Key(key);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private Entry? Live(string key, DateTimeOffset now)
    {
        DropExpired(now);
        // DropExpired leaves nothing due in the queue, so an entry still here is live.
        return _entries.GetValueOrDefault(key);
    }

    private Entry Put(string key, object data, DateTimeOffset now, long ttlMs)
    {
        var expiresAt = now.AddMilliseconds(ttlMs);
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.Data = data;
            entry.ExpiresAt = expiresAt;
        }
        else
        {
            entry = new Entry(data, expiresAt);
            _entries[key] = entry;
        }

        _deadlines.Enqueue(key, expiresAt);
        return entry;
    }

    private void DropExpired(DateTimeOffset now)
    {
        while (_deadlines.TryPeek(out var key, out var deadline) && deadline <= now)
        {
            _deadlines.Dequeue();
            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt <= now)
                _entries.Remove(key);
        }
    }

    private static byte[] Encode(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    private static ReadOnlySpan<byte> ValueOf(string key, Entry entry) =>
        entry.Data as byte[] ?? throw new StateKindMismatchException(key, $"holds a {entry.Kind}, not a value");

    private static Dictionary<string, byte[]> HashOf(string key, Entry entry) =>
        entry.Data as Dictionary<string, byte[]> ?? throw new StateKindMismatchException(key, $"holds a {entry.Kind}, not a hash");

    private static TimeSet TimeSetOf(string key, Entry entry) =>
        entry.Data as TimeSet ?? throw new StateKindMismatchException(key, $"holds a {entry.Kind}, not a time set");

    private sealed class Entry(object data, DateTimeOffset expiresAt)
    {
        public object Data { get; set; } = data;

        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        public string Kind => Data switch
        {
            byte[] => "value",
            Dictionary<string, byte[]> => "hash",
            _ => "time set",
        };
    }
}
