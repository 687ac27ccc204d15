using System.Text.Json;

namespace LifeOS.Ingestion;

/// <summary>Finds an object that repeats a property name, which JSON allows but which would store what was not validated.</summary>
internal static class DuplicateKeys
{
    /// <summary>The path of the first repeated key, or null when there is none.</summary>
    public static string? FirstIn(JsonElement element, string path) => Find(element) is { } suffix ? path + suffix : null;

    // Returns the path below the element, built only on the way back from a hit: the common case allocates no paths.
    private static string? Find(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                string[]? seen = null;
                var count = 0;
                foreach (var property in element.EnumerateObject())
                {
                    var name = property.Name;
                    seen ??= new string[8];
                    // A linear scan is fastest for the few fields events have; the body limit bounds the worst case.
                    if (Array.IndexOf(seen, name, 0, count) >= 0)
                        return "." + name;

                    if (count == seen.Length)
                        Array.Resize(ref seen, count * 2);
                    seen[count++] = name;
                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && Find(property.Value) is { } nested)
                        return "." + name + nested;
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array && Find(item) is { } nested)
                        return $"[{index}]{nested}";
                    index++;
                }

                return null;
            default:
                return null;
        }
    }
}
