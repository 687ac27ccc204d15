using System.Text.Json;

namespace LifeOS.Contracts.Validation;

/// <summary>The validation rules of one payload: a set of named fields, each with its own rule.</summary>
/// <remarks>Unknown fields are allowed and kept, so older servers accept newer agents' extra data.</remarks>
public sealed class PayloadSchema(params FieldRule[] fields)
{
    public static readonly PayloadSchema Empty = new();

    public IReadOnlyList<FieldRule> Fields { get; } = fields;

    /// <summary>Checks <paramref name="data"/> and appends one message per problem, each naming the field path.</summary>
    public void Validate(JsonElement data, string path, List<string> errors)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be a JSON object");
            return;
        }

        foreach (var field in Fields)
        {
            var fieldPath = path + "." + field.Name;
            if (!data.TryGetProperty(field.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (field.IsRequired)
                    errors.Add($"{fieldPath}: is required");
                continue;
            }

            field.Check(value, fieldPath, errors);
        }
    }

    /// <summary>Validates and returns the errors, empty when the payload is valid.</summary>
    public IReadOnlyList<string> Validate(JsonElement data, string path = "data")
    {
        var errors = new List<string>();
        Validate(data, path, errors);
        return errors;
    }
}
