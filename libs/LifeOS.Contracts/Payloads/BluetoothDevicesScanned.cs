namespace LifeOS.Contracts.Payloads;

/// <summary>The Bluetooth devices one scan saw nearby (an empty list is a real answer: nothing nearby).</summary>
public sealed record BluetoothDevicesScanned(IReadOnlyList<BluetoothDeviceSeen> Devices);

/// <summary>One device in a scan; <see cref="Address"/> is a MAC or, on iOS, a per-app UUID.</summary>
public sealed record BluetoothDeviceSeen(string Address, string? Name = null, int? Rssi = null);
