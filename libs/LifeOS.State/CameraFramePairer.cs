using System.Text.Json;

namespace LifeOS.State;

/// <summary>Pairs the front and rear frames of one device that were taken within a short window of each other, across
/// replicas: each pair is returned once, to whichever replica offered its second frame.</summary>
/// <remarks>
/// Unpaired frames wait in a time-indexed set per (user, device, side). One pairing step (look for the closest
/// partner on the other side, claim it or wait) runs under the device's lock, so two replicas offering the front and
/// the rear frame at the same moment cannot both pair them or both miss each other. When both frames carry a
/// <c>pairId</c> they must agree. A paired frame is remembered for <see cref="CameraPairingOptions.Retention"/>, so
/// at-least-once redelivery does not pair it a second time.
/// </remarks>
public sealed class CameraFramePairer(IStateStore store, DistributedLock locks, CameraPairingOptions? options = null)
{
    private readonly CameraPairingOptions _options = options ?? new();

    /// <summary>Offers a frame; returns the pair when it completes one, otherwise null (the frame waits for a partner,
    /// or it was already paired).</summary>
    public async Task<PairedFrames?> OfferAsync(CameraFrame frame, CancellationToken cancellationToken = default)
    {
        Validate(frame);
        var other = frame.Camera == CameraFrame.Front ? CameraFrame.Rear : CameraFrame.Front;
        var ownSet = StateKeys.Of("camera-unpaired", frame.User, frame.Device, frame.Camera);
        var otherSet = StateKeys.Of("camera-unpaired", frame.User, frame.Device, other);
        var member = JsonSerializer.Serialize(frame);

        await using var held = await locks.AcquireAsync(
            StateKeys.Of("camera", frame.User, frame.Device), _options.LockTtl, _options.LockTimeout, cancellationToken).ConfigureAwait(false);

        if (await store.GetAsync(PairedKey(frame), cancellationToken).ConfigureAwait(false) is not null)
            return null;

        var candidates = await store.TimeSetRangeAsync(
            otherSet, frame.Time - _options.Window, frame.Time + _options.Window, cancellationToken).ConfigureAwait(false);
        var partner = candidates
            .Select(c => (c.Member, Frame: JsonSerializer.Deserialize<CameraFrame>(c.Member)!))
            .Where(c => frame.PairId is null || c.Frame.PairId is null || c.Frame.PairId == frame.PairId)
            .OrderBy(c => (c.Frame.Time - frame.Time).Duration())
            .ThenBy(c => c.Frame.Time)
            .FirstOrDefault();

        if (partner.Frame is null)
        {
            await store.TimeSetAddAsync(ownSet, member, frame.Time, _options.Retention, cancellationToken).ConfigureAwait(false);
            // Frames nobody paired would otherwise pile up while the device keeps the set alive.
            await store.TimeSetRemoveBeforeAsync(ownSet, frame.Time - _options.Retention, cancellationToken).ConfigureAwait(false);
            return null;
        }

        await store.TimeSetRemoveAsync(otherSet, partner.Member, cancellationToken).ConfigureAwait(false);
        // The frame itself may be waiting already: a redelivery of a frame that found no partner the first time.
        await store.TimeSetRemoveAsync(ownSet, member, cancellationToken).ConfigureAwait(false);
        await store.SetAsync(PairedKey(frame), "1"u8.ToArray(), _options.Retention, cancellationToken).ConfigureAwait(false);
        await store.SetAsync(PairedKey(partner.Frame), "1"u8.ToArray(), _options.Retention, cancellationToken).ConfigureAwait(false);
        return frame.Camera == CameraFrame.Front ? new PairedFrames(frame, partner.Frame) : new PairedFrames(partner.Frame, frame);
    }

    private static void Validate(CameraFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (string.IsNullOrEmpty(frame.User))
            throw new ArgumentException("a frame needs the user it belongs to", nameof(frame));
        if (string.IsNullOrEmpty(frame.Device))
            throw new ArgumentException("a frame needs the device that took it", nameof(frame));
        if (frame.Camera is not (CameraFrame.Front or CameraFrame.Rear))
            throw new ArgumentException($"only front and rear frames pair; camera was '{frame.Camera}'", nameof(frame));
        if (string.IsNullOrEmpty(frame.EventId))
            throw new ArgumentException("a frame needs its event id", nameof(frame));
        if (frame.Blob is null)
            throw new ArgumentException("a frame needs its image blob", nameof(frame));
    }

    private static string PairedKey(CameraFrame frame) => StateKeys.Of("camera-paired", frame.User, frame.Device, frame.EventId);
}
