namespace LifeOS.Identity;

/// <summary>What a token may do. A grant's scope is a space-separated set of these; a missing scope means all.</summary>
public static class Scopes
{
    /// <summary>Send events and media.</summary>
    public const string Ingest = "ingest";

    /// <summary>Read data (own, or shared with the caller).</summary>
    public const string Read = "read";

    /// <summary>Manage the account: devices, tokens, shares, audit log, integration secrets, deletions.</summary>
    public const string Manage = "manage";

    public static readonly IReadOnlyList<string> All = [Ingest, Read, Manage];

    /// <summary>The scopes of a stored grant; null (no scope recorded) means every scope.</summary>
    public static IReadOnlyList<string> Parse(string? scope) =>
        scope is null ? All : [.. scope.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>Validates requested scopes; returns an error naming the bad one, or null.</summary>
    public static string? Validate(IReadOnlyList<string>? requested)
    {
        if (requested is null || requested.Count == 0)
            return "scopes: name at least one of " + string.Join(", ", All);
        var unknown = requested.FirstOrDefault(s => !All.Contains(s, StringComparer.Ordinal));
        return unknown is null ? null : $"scopes: '{(unknown.Length > 32 ? unknown[..32] : unknown)}' is not one of {string.Join(", ", All)}";
    }

    public static string Format(IEnumerable<string> scopes) => string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
