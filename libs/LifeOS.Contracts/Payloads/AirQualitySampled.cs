namespace LifeOS.Contracts.Payloads;

/// <summary>An AQI-like air-quality value (0..1000) with the optional readings behind it.</summary>
/// <remarks>PM in µg/m³, CO₂ in ppm, VOC as the sensor's 0..500 index.</remarks>
public sealed record AirQualitySampled(
    double Value, double? Pm25 = null, double? Pm10 = null, double? Co2 = null, double? VocIndex = null);
