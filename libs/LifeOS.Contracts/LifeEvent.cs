using System.Text.Json;

namespace LifeOS.Contracts;

/// <summary>A CloudEvents 1.0 envelope with the LifeOS extensions (device, seq, user).</summary>
/// <remarks>
/// <see cref="Type"/> is the catalogue's event type (e.g. <c>device.health.heartrate</c>), never a topic name:
/// the catalogue maps one to the other. <see cref="Data"/> is the validated JSON payload.
/// </remarks>
public sealed record LifeEvent
{
    public const string SpecVersion = "1.0";
    public const string JsonContentType = "application/json";

    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset Time { get; init; }
    public string? Subject { get; init; }
    public string DataContentType { get; init; } = JsonContentType;
    public required string Device { get; init; }
    public required long Seq { get; init; }
    public required string User { get; init; }
    public required JsonElement Data { get; init; }

    /// <summary>The CloudEvents <c>source</c> for a device: a URI-reference naming it.</summary>
    public static string SourceFor(string device) => "/devices/" + Uri.EscapeDataString(device);
}
