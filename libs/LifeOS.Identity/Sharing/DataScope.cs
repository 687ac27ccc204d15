using LifeOS.Storage;

namespace LifeOS.Identity.Sharing;

/// <summary>Whose data a request reads and how much of it: all of the caller's own, or what a share allows.</summary>
/// <param name="UserId">The owner of the data read.</param>
/// <param name="Types">When set, the only event types that may be read.</param>
/// <param name="From">When set, nothing earlier may be read.</param>
/// <param name="To">When set, nothing at or after it may be read.</param>
public sealed record DataScope(string UserId, ShareRole Role, IReadOnlySet<string>? Types, DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>True when nothing limits the scope (own data, or a share of everything).</summary>
    public bool Unrestricted => Types is null && From is null && To is null;

    public bool Allows(string type, DateTimeOffset time) =>
        (Types is null || Types.Contains(type)) && (From is null || time >= From) && (To is null || time < To);

    /// <summary>The requested range cut to the scope; empty (from ≥ to) when they do not overlap.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Clamp(DateTimeOffset from, DateTimeOffset to) =>
        (From is { } f && f > from ? f : from, To is { } t && t < to ? t : to);

    /// <summary>The requested types cut to the scope: null means "all the scope allows" only for an unlimited scope;
    /// an empty result means nothing may be read.</summary>
    public IReadOnlyCollection<string>? Intersect(IReadOnlyCollection<string>? requested) =>
        Types is null ? requested
        : requested is null ? [.. Types.Order(StringComparer.Ordinal)]
        : [.. requested.Where(Types.Contains)];

    public static DataScope Own(string userId) => new(userId, ShareRole.Owner, null, null, null);

    public static DataScope Of(DataShare share) => new(
        share.OwnerId, share.Role,
        share.Types is null ? null : new HashSet<string>(share.Types.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal),
        share.From, share.To);
}
