namespace LifeOS.State.Redis;

/// <summary>The Lua scripts that make multi-command steps atomic on the server.</summary>
internal static class RedisScripts
{
    /// <summary>INCRBY, then start the window only when the key has no expiry yet: a fixed window, not a sliding one.
    /// KEYS[1] counter; ARGV[1] increment, ARGV[2] window in ms. Returns {value, remaining ms}.</summary>
    public const string Increment = """
        local value = redis.call('INCRBY', KEYS[1], ARGV[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          ttl = tonumber(ARGV[2])
        end
        return {value, ttl}
        """;

    /// <summary>HSET and restart the hash's expiry together, so a crash between them cannot leave a hash that never
    /// expires. KEYS[1] hash; ARGV[1] field, ARGV[2] value, ARGV[3] ttl in ms. Returns the field count.</summary>
    public const string HashPut = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return redis.call('HLEN', KEYS[1])
        """;

    /// <summary>ZADD and restart the set's expiry together. KEYS[1] set; ARGV[1] score, ARGV[2] member, ARGV[3] ttl ms.</summary>
    public const string TimeSetAdd = """
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    /// <summary>Compare-and-delete: only the owner's token releases a lock. KEYS[1] lock; ARGV[1] token.</summary>
    public const string ReleaseLock = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;
}
