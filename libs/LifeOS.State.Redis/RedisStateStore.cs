using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace LifeOS.State.Redis;

/// <summary>The <see cref="IStateStore"/> shared by replicas: Redis, with multi-step operations as Lua scripts.</summary>
/// <remarks>
/// Values are strings, hashes are hashes, time-indexed sets are sorted sets scored by Unix milliseconds, locks are
/// <c>SET NX PX</c> with a compare-and-delete release. An optional key prefix lets several deployments (or test runs)
/// share one server without seeing each other's keys.
/// </remarks>
public sealed class RedisStateStore : IStateStore, IDisposable, IAsyncDisposable
{
    private readonly IConnectionMultiplexer _connection;
    private readonly bool _ownsConnection;
    private readonly IDatabase _db;

    /// <summary>A store over an existing connection, which stays the caller's to dispose unless
    /// <paramref name="ownsConnection"/> says otherwise.</summary>
    public RedisStateStore(IConnectionMultiplexer connection, string? keyPrefix = null, bool ownsConnection = false)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _ownsConnection = ownsConnection;
        var db = connection.GetDatabase();
        _db = string.IsNullOrEmpty(keyPrefix) ? db : db.WithKeyPrefix(keyPrefix);
    }

    /// <summary>Connects with a StackExchange.Redis connection string as Aspire hands it over
    /// (<c>ConnectionStrings:redis</c>, e.g. <c>localhost:6379</c> or <c>host:6379,password=...</c>).</summary>
    /// <remarks>Does not fail when the server is not up yet: it keeps reconnecting, and operations fail until it is.</remarks>
    public static async Task<RedisStateStore> ConnectAsync(string connectionString, string? keyPrefix = null)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Options(connectionString)).ConfigureAwait(false);
        return new RedisStateStore(connection, keyPrefix, ownsConnection: true);
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var value = await RedisErrors.Translate(key, _db.StringGetAsync(StateArguments.Key(key)), cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : (byte[]?)value;
    }

    public Task SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        RedisErrors.Translate(key, _db.StringSetAsync(StateArguments.Key(key), value.ToArray(), Ttl(ttl)), cancellationToken);

    public Task<bool> SetIfAbsentAsync(string key, ReadOnlyMemory<byte> value, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        RedisErrors.Translate(key, _db.StringSetAsync(StateArguments.Key(key), value.ToArray(), Ttl(ttl), When.NotExists), cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        RedisErrors.Translate(key, _db.KeyDeleteAsync(StateArguments.Key(key)), cancellationToken);

    public async Task<CounterWindow> IncrementAsync(string key, TimeSpan window, long by = 1, CancellationToken cancellationToken = default)
    {
        var windowMs = StateArguments.TtlMilliseconds(window, nameof(window));
        var result = (RedisResult[])(await RedisErrors.Translate(key, _db.ScriptEvaluateAsync(
            RedisScripts.Increment, [StateArguments.Key(key)], [by, windowMs]), cancellationToken).ConfigureAwait(false))!;
        return new CounterWindow((long)result[0], TimeSpan.FromMilliseconds((long)result[1]));
    }

    public async Task<long> HashPutAsync(string key, string field, ReadOnlyMemory<byte> value, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(field);
        var ttlMs = StateArguments.TtlMilliseconds(ttl);
        var result = await RedisErrors.Translate(key, _db.ScriptEvaluateAsync(
            RedisScripts.HashPut, [StateArguments.Key(key)], [field, value.ToArray(), ttlMs]), cancellationToken).ConfigureAwait(false);
        return (long)result;
    }

    public async Task<IReadOnlyDictionary<string, byte[]>> HashGetAllAsync(string key, CancellationToken cancellationToken = default)
    {
        var entries = await RedisErrors.Translate(key, _db.HashGetAllAsync(StateArguments.Key(key)), cancellationToken).ConfigureAwait(false);
        return entries.ToDictionary(e => (string)e.Name!, e => (byte[])e.Value!, StringComparer.Ordinal);
    }

    public Task<bool> HashDeleteAsync(string key, string field, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(field);
        return RedisErrors.Translate(key, _db.HashDeleteAsync(StateArguments.Key(key), field), cancellationToken);
    }

    public Task TimeSetAddAsync(string key, string member, DateTimeOffset at, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        var ttlMs = StateArguments.TtlMilliseconds(ttl);
        return RedisErrors.Translate(key, _db.ScriptEvaluateAsync(
            RedisScripts.TimeSetAdd, [StateArguments.Key(key)], [StateArguments.Score(at), member, ttlMs]), cancellationToken);
    }

    public async Task<IReadOnlyList<TimedMember>> TimeSetRangeAsync(string key, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        // The client swaps reversed bounds; an inverted range is empty, as the port says.
        if (from > to)
        {
            StateArguments.Key(key);
            return [];
        }

        var entries = await RedisErrors.Translate(key, _db.SortedSetRangeByScoreWithScoresAsync(
            StateArguments.Key(key), StateArguments.Score(from), StateArguments.Score(to)), cancellationToken).ConfigureAwait(false);
        return entries.Select(e => new TimedMember((string)e.Element!, DateTimeOffset.FromUnixTimeMilliseconds((long)e.Score))).ToList();
    }

    public Task<bool> TimeSetRemoveAsync(string key, string member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        return RedisErrors.Translate(key, _db.SortedSetRemoveAsync(StateArguments.Key(key), member), cancellationToken);
    }

    public Task<long> TimeSetRemoveBeforeAsync(string key, DateTimeOffset before, CancellationToken cancellationToken = default) =>
        RedisErrors.Translate(key, _db.SortedSetRemoveRangeByScoreAsync(
            StateArguments.Key(key), double.NegativeInfinity, StateArguments.Score(before), Exclude.Stop), cancellationToken);

    public Task<bool> TryAcquireLockAsync(string key, string token, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        RedisErrors.Translate(key, _db.StringSetAsync(StateArguments.Key(key), StateArguments.Token(token), Ttl(ttl), When.NotExists), cancellationToken);

    public async Task<bool> ReleaseLockAsync(string key, string token, CancellationToken cancellationToken = default)
    {
        var result = await RedisErrors.Translate(key, _db.ScriptEvaluateAsync(
            RedisScripts.ReleaseLock, [StateArguments.Key(key)], [StateArguments.Token(token)]), cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    public void Dispose()
    {
        if (_ownsConnection)
            _connection.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection)
        {
            await _connection.CloseAsync().ConfigureAwait(false);
            _connection.Dispose();
        }
    }

    private static TimeSpan Ttl(TimeSpan ttl) => TimeSpan.FromMilliseconds(StateArguments.TtlMilliseconds(ttl));
}
