using System.Text.Json;

namespace LifeOS.Ingestion;

/// <summary>Finds an object that repeats a property name, which JSON allows but which would store what was not validated.</summary>
internal static class DuplicateKeys
{
    /// <summary>The path of the first object that repeats a key, or null when there is none.</summary>
    public static string? FirstIn(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new List<string>();
                foreach (var property in element.EnumerateObject())
                {
                    if (names.Contains(property.Name, StringComparer.Ordinal))
                        return $"{path}.{property.Name}";
                    names.Add(property.Name);
                    if (FirstIn(property.Value, $"{path}.{property.Name}") is { } nested)
                        return nested;
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstIn(item, $"{path}[{index++}]") is { } nested)
                        return nested;
                }

                return null;
            default:
                return null;
        }
    }
}
