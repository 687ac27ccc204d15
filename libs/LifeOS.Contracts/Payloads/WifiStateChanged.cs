namespace LifeOS.Contracts.Payloads;

/// <summary>Wi-Fi connection state; signal strength in dBm.</summary>
public sealed record WifiStateChanged(
    bool Connected, string? Ssid = null, string? Bssid = null, int? Rssi = null, int? FrequencyMhz = null);
