using Microsoft.AspNetCore.Builder;

namespace LifeOS.Identity.Limits;

/// <summary>The most bytes a route accepts in a request body; routes without it get <see cref="LimitsOptions.DefaultMaxBodyBytes"/>.</summary>
/// <remarks>Routes that check sizes themselves while streaming (ingestion) declare a little more than their own limit,
/// so their answers, which name the field at fault, come first.</remarks>
public sealed class BodyLimit(long maxBytes)
{
    public long MaxBytes { get; } = maxBytes;
}

/// <summary>Puts a body limit on a route.</summary>
public static class BodyLimitExtensions
{
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long maxBytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(maxBytes));
}
