namespace LifeOS.Contracts.Payloads;

/// <summary>Battery level (percent) and charging state; <see cref="Source"/> is ac, usb, wireless or battery.</summary>
public sealed record PowerStateChanged(double BatteryLevel, bool Charging, string? Source = null);
