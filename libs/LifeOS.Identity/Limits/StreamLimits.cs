using System.Collections.Concurrent;
using LifeOS.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LifeOS.Identity.Limits;

/// <summary>WebSocket limits per credential: how many streams it holds open and how many messages it sends per window
/// (counted in the state store when one is registered, so replicas share the budget).</summary>
public sealed class StreamLimits
{
    private readonly FixedWindowRateCounter _messages;
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly LimitsOptions _options;

    public StreamLimits(IServiceProvider services, IOptions<LimitsOptions> options)
    {
        _options = options.Value;
        var store = services.GetService<IStateStore>() ?? new InProcessStateStore(services.GetService<TimeProvider>() ?? TimeProvider.System);
        _messages = new FixedWindowRateCounter(store, "stream-messages", Math.Max(1, _options.StreamMessagesPerWindow), _options.Window);
    }

    /// <summary>Claims a stream slot; null when the credential already holds as many streams as it may.</summary>
    public IDisposable? TryOpen(string credential)
    {
        var count = _open.AddOrUpdate(credential, 1, (_, n) => n + 1);
        if (count <= _options.MaxStreamsPerCredential)
            return new Slot(this, credential);
        Release(credential);
        return null;
    }

    /// <summary>Counts one message; when over the limit, how long until the window reopens.</summary>
    public async Task<TimeSpan?> HitAsync(string credential, CancellationToken cancellationToken)
    {
        var decision = await _messages.HitAsync(credential, 1, cancellationToken).ConfigureAwait(false);
        return decision.Allowed ? null : decision.RetryAfter;
    }

    public TimeSpan Window => _options.Window;

    private void Release(string credential)
    {
        if (_open.AddOrUpdate(credential, 0, (_, n) => n - 1) <= 0)
            _open.TryRemove(new KeyValuePair<string, int>(credential, 0));
    }

    private sealed class Slot(StreamLimits owner, string credential) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                owner.Release(credential);
        }
    }
}
