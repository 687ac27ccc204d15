namespace LifeOS.Vectors;

/// <summary>Which points of one user a search, count or delete applies to; every other field narrows it further.</summary>
/// <param name="User">Required owner.</param>
/// <param name="Types">When set, only points of one of these types.</param>
/// <param name="From">When set, only points with <c>Time &gt;= From</c>.</param>
/// <param name="To">When set, only points with <c>Time &lt; To</c> (the range is half-open).</param>
/// <param name="SourceId">When set, only the chunks of this source item.</param>
public sealed record VectorFilter(
    string User,
    IReadOnlyList<string>? Types = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? SourceId = null)
{
    /// <summary>Everything of one user.</summary>
    public static VectorFilter ForUser(string user) => new(user);
}
