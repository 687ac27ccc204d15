using System.Text.Json;
using System.Text.Json.Nodes;

namespace LifeOS.UnitTests;

/// <summary>One field of a payload as it sits in a sample: its path (as error messages spell it) and its rule.</summary>
/// <param name="Path">Relative to <c>data</c>, e.g. <c>blob.size</c> or <c>segments[0].probability</c>.</param>
/// <param name="Steps">The same path as property names and array indexes, to edit a sample with.</param>
/// <param name="IsArrayItem">True for an element of an array (which cannot be "missing").</param>
internal sealed record FieldSite(string Path, FieldRule Rule, IReadOnlyList<object> Steps, bool IsArrayItem)
{
    /// <summary>The prefix every error about this field must start with.</summary>
    public string ErrorPrefix => $"data.{Path}: ";
}

/// <summary>Walks a topic's schema alongside its sample, and edits samples at a field's path.</summary>
/// <remarks>Generating cases from the schema means a new field is tested the day it is added, without new test code.</remarks>
internal static class SchemaWalker
{
    /// <summary>Every field of the topic's schema, nested ones included wherever the sample has the parent.</summary>
    public static IReadOnlyList<FieldSite> Sites(TopicDefinition topic) =>
        [.. Walk(topic.Schema, JsonNode.Parse(PayloadSamples.For(topic)) as JsonObject, "", [])];

    public static FieldSite Site(TopicDefinition topic, string path) => Sites(topic).Single(s => s.Path == path);

    public static TopicDefinition Topic(string name) =>
        TopicCatalogue.TryGetByName(name, out var topic) ? topic : throw new ArgumentException("no topic " + name);

    private static IEnumerable<FieldSite> Walk(PayloadSchema schema, JsonObject? node, string path, object[] steps)
    {
        foreach (var field in schema.Fields)
        {
            var fieldPath = path.Length == 0 ? field.Name : path + "." + field.Name;
            object[] fieldSteps = [.. steps, field.Name];
            yield return new FieldSite(fieldPath, field, fieldSteps, IsArrayItem: false);

            var child = node?[field.Name];
            if (field is ObjectField objectField && child is JsonObject childObject)
            {
                foreach (var site in Walk(objectField.Schema, childObject, fieldPath, fieldSteps))
                    yield return site;
            }
            else if (field is ArrayField arrayField && child is JsonArray { Count: > 0 } array)
            {
                // The first element stands for all of them: the rule is the same for each.
                var itemPath = fieldPath + "[0]";
                object[] itemSteps = [.. fieldSteps, 0];
                yield return new FieldSite(itemPath, arrayField.Item, itemSteps, IsArrayItem: true);
                if (arrayField.Item is ObjectField itemObject && array[0] is JsonObject first)
                {
                    foreach (var site in Walk(itemObject.Schema, first, itemPath, itemSteps))
                        yield return site;
                }
            }
        }
    }

    /// <summary>The node at <paramref name="steps"/>, or null when any part of the path is absent.</summary>
    public static JsonNode? Get(JsonNode root, IReadOnlyList<object> steps)
    {
        JsonNode? node = root;
        foreach (var step in steps)
        {
            node = (node, step) switch
            {
                (JsonObject o, string name) => o[name],
                (JsonArray a, int index) when index < a.Count => a[index],
                _ => null,
            };
            if (node is null)
                return null;
        }

        return node;
    }

    /// <summary>The sample with the value at <paramref name="steps"/> replaced by <paramref name="value"/>.</summary>
    public static string With(string sample, IReadOnlyList<object> steps, JsonNode? value)
    {
        var root = JsonNode.Parse(sample)!;
        var parent = Get(root, steps.Take(steps.Count - 1).ToList())!;
        switch (steps[^1])
        {
            case string name:
                parent.AsObject()[name] = value;
                break;
            case int index:
                parent.AsArray()[index] = value;
                break;
        }

        return root.ToJsonString();
    }

    /// <summary>The sample without the property at <paramref name="steps"/>.</summary>
    public static string Without(string sample, IReadOnlyList<object> steps)
    {
        var root = JsonNode.Parse(sample)!;
        Get(root, steps.Take(steps.Count - 1).ToList())!.AsObject().Remove((string)steps[^1]);
        return root.ToJsonString();
    }

    /// <summary>Validates a JSON text as the topic's <c>data</c>.</summary>
    public static IReadOnlyList<string> Validate(TopicDefinition topic, string json)
    {
        using var document = JsonDocument.Parse(json);
        return topic.Schema.Validate(document.RootElement);
    }
}
