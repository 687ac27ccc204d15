using System.Text.Json.Nodes;
using LifeOS.Contracts.Payloads;

namespace LifeOS.Pipeline;

/// <summary>What a step made of one event: its status (<see cref="ProcessingStatus"/>), why, and the fields it derived.</summary>
public sealed record StepResult(string Status, string? Reason, JsonObject? Fields)
{
    public static StepResult Ok(JsonObject fields) => new(ProcessingStatus.Ok, null, fields);

    /// <summary>The step did not run for this event; <paramref name="reason"/> says why. Never fake output instead.</summary>
    public static StepResult Skipped(string reason) => new(ProcessingStatus.Skipped, reason, null);

    public static StepResult Failed(string reason) => new(ProcessingStatus.Failed, reason, null);
}
