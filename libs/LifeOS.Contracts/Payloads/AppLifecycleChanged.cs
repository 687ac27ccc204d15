namespace LifeOS.Contracts.Payloads;

/// <summary>An app was opened, brought forward, sent back, closed, installed, updated, uninstalled or crashed.</summary>
/// <remarks><see cref="App"/> is the package name (Android) or executable (desktop); <see cref="Label"/> is for people.</remarks>
public sealed record AppLifecycleChanged(
    string App, string Action, string? Label = null, string? WindowTitle = null);
