using System.Text.Json;
using System.Text.Json.Nodes;
using LifeOS.Contracts;

namespace LifeOS.Pipeline;

/// <summary>Builds the derived record a step writes for one input event.</summary>
public static class DerivedEvents
{
    /// <summary>
    /// The derived event: the input's device, user, seq and time (so it keys, orders and files like its input), an id fixed
    /// by input and step (a replay writes the same id, which consumers de-duplicate), and the identifying fields, the
    /// step's own fields and <c>status</c>/<c>reason</c> as its data.
    /// </summary>
    public static LifeEvent Create(PipelineStep step, LifeEvent source, StepResult result)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(result);
        var output = step.Output ?? throw new InvalidOperationException($"The step {step.Name} has no output topic.");

        var data = step.Identify(source);
        foreach (var (name, value) in result.Fields ?? [])
            data[name] = value?.DeepClone();
        data["status"] = result.Status;
        if (result.Reason is not null)
            data["reason"] = result.Reason;

        return new LifeEvent
        {
            Id = $"{source.Id}:{step.Name}",
            // Processed topics have no client-facing event type; the topic's name is the catalogue's name for them.
            Type = output.Name,
            Source = $"/pipeline/{step.Group}",
            Time = source.Time,
            Subject = source.Id,
            Device = source.Device,
            Seq = source.Seq,
            User = source.User,
            Data = JsonSerializer.SerializeToElement(data),
        };
    }

    /// <summary>Copies the named string/object fields of the input's payload, for <see cref="PipelineStep.Identify"/>.</summary>
    public static JsonObject CopyFields(LifeEvent source, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = new JsonObject();
        if (source.Data.ValueKind != JsonValueKind.Object)
            return copy;
        foreach (var name in names)
        {
            if (source.Data.TryGetProperty(name, out var value))
                copy[name] = JsonNode.Parse(value.GetRawText());
        }

        return copy;
    }
}
