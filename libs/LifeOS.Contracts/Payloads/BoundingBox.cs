namespace LifeOS.Contracts.Payloads;

/// <summary>A box in an image, as fractions (0..1) of its width and height from the top-left corner.</summary>
public sealed record BoundingBox(double X, double Y, double Width, double Height);
