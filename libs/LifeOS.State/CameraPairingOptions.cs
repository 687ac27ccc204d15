namespace LifeOS.State;

/// <summary>Limits of <see cref="CameraFramePairer"/>.</summary>
public sealed record CameraPairingOptions
{
    /// <summary>The furthest apart (by event time) a front and a rear frame may be and still pair.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an unpaired frame waits for its partner, and how long a paired one is remembered so a
    /// redelivery does not pair it again.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one pairing step may hold the device's lock.</summary>
    public TimeSpan LockTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a pairing step waits for the device's lock.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
