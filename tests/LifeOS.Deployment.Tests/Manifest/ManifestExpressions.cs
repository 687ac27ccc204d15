using System.Text.RegularExpressions;

namespace LifeOS.Deployment.Tests.Manifest;

/// <summary>The <c>{resource.property}</c> placeholders of manifest values, and their resolution.</summary>
public static partial class ManifestExpressions
{
    [GeneratedRegex(@"\{(?<resource>[A-Za-z0-9_\-]+)\.(?<property>[A-Za-z0-9_.\-]+)\}")]
    private static partial Regex Placeholder();

    /// <summary>Every (resource, property) a value refers to, e.g. ("kafka", "connectionString").</summary>
    public static IEnumerable<(string Resource, string Property)> References(string value) =>
        Placeholder().Matches(value).Select(m => (m.Groups["resource"].Value, m.Groups["property"].Value));

    /// <summary>Replaces every placeholder with what <paramref name="resolve"/> gives it; null from it means "cannot".</summary>
    /// <exception cref="InvalidOperationException">A placeholder could not be resolved.</exception>
    public static string Resolve(string value, Func<string, string, string?> resolve) =>
        Placeholder().Replace(value, m => resolve(m.Groups["resource"].Value, m.Groups["property"].Value)
            ?? throw new InvalidOperationException($"cannot resolve {m.Value} in '{value}'"));
}
