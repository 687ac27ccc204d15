namespace LifeOS.Storage;

/// <summary>The capture ledger: which (device, seq) and client ids each user's devices have had accepted, so duplicates are found and gaps are visible.</summary>
public interface IDeviceLedger
{
    /// <summary>For each event, true when its (device, seq) or its client id was accepted before.</summary>
    Task<bool[]> FindAcceptedAsync(string user, IReadOnlyList<EventIdentity> events, CancellationToken cancellationToken = default);

    /// <summary>Records events as accepted (idempotent); completes once durable.</summary>
    Task RecordAsync(string user, IReadOnlyList<EventIdentity> events, CancellationToken cancellationToken = default);

    /// <summary>The highest accepted seq of each device (devices that never sent anything are left out).</summary>
    Task<IReadOnlyDictionary<string, long>> GetHighSeqsAsync(string user, IEnumerable<string> devices, CancellationToken cancellationToken = default);

    /// <summary>The ledger of one device, or null when it never sent anything.</summary>
    Task<DeviceLedgerView?> GetAsync(string user, string device, CancellationToken cancellationToken = default);
}

/// <summary>What identifies an event for deduplication: its device's seq and, when the client chose one, its id.</summary>
public sealed record EventIdentity(string Device, long Seq, string? ClientId);

/// <summary>A device's capture ledger: seqs seen, the highest one, and the holes between the lowest and the highest.</summary>
public sealed record DeviceLedgerView(string Device, long LowSeq, long HighSeq, long Received, IReadOnlyList<SeqGap> Gaps, bool GapsTruncated);

public sealed record SeqGap(long From, long To);
