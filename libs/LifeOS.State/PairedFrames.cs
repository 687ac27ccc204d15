namespace LifeOS.State;

/// <summary>A front and a rear frame of one device taken close enough together to reconstruct one scene.</summary>
public sealed record PairedFrames(CameraFrame Front, CameraFrame Rear);
