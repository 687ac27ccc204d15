namespace LifeOS.Contracts.Payloads;

/// <summary>One numeric reading (heart rate, steps, barometer, temperature, ...); its unit is the topic's.</summary>
public sealed record NumericSampled(double Value);

/// <summary>A GPS fix in WGS 84 degrees; altitude and accuracy in metres.</summary>
public sealed record LocationFixed(double Lat, double Lon, double? Alt, double? Accuracy);

/// <summary>A three-axis accelerometer reading in m/s².</summary>
public sealed record AccelerationSampled(double X, double Y, double Z);
