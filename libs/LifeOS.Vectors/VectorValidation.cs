using System.Numerics.Tensors;
using System.Text.RegularExpressions;

namespace LifeOS.Vectors;

/// <summary>The input rules every <see cref="IVectorIndex"/> enforces, so bad input fails the same clear way on every backend.</summary>
public static partial class VectorValidation
{
    /// <summary>Largest supported dimension; the int8 kernel's 32-bit accumulators are sized for it.</summary>
    public const int MaxDimension = 8192;

    public const int MaxIdLength = 512;
    public const int MaxTextLength = 8192;

    public static void ValidateCollection(string collection)
    {
        if (string.IsNullOrEmpty(collection) || !CollectionName().IsMatch(collection))
            throw new ArgumentException(
                $"collection name '{collection}' is invalid: use 1-64 characters from a-z, 0-9, '_' and '-'", nameof(collection));
    }

    public static void ValidateDimension(int dimension)
    {
        if (dimension is < 1 or > MaxDimension)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"dimension must be between 1 and {MaxDimension}");
    }

    /// <summary>Checks one point and returns its vector scaled to unit length.</summary>
    public static float[] Validate(VectorPoint point, int dimension)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (string.IsNullOrEmpty(point.Id) || point.Id.Length > MaxIdLength)
            throw new ArgumentException($"point id must be 1-{MaxIdLength} characters", "point.Id");
        var payload = point.Payload ?? throw new ArgumentException($"point '{point.Id}' has no payload", "point.Payload");
        RequireText(payload.User, $"point '{point.Id}' payload.User");
        RequireText(payload.Type, $"point '{point.Id}' payload.Type");
        if (payload.SourceId is { Length: 0 or > MaxIdLength })
            throw new ArgumentException($"point '{point.Id}' payload.SourceId must be 1-{MaxIdLength} characters when set", "point.Payload.SourceId");
        if (payload.ChunkPosition < 0)
            throw new ArgumentException($"point '{point.Id}' payload.ChunkPosition must not be negative", "point.Payload.ChunkPosition");
        if (payload.Text is { Length: > MaxTextLength })
            throw new ArgumentException($"point '{point.Id}' payload.Text is longer than {MaxTextLength} characters", "point.Payload.Text");
        return UnitVector(point.Vector.Span, dimension, $"point '{point.Id}' vector");
    }

    public static void Validate(VectorFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        RequireText(filter.User, "filter.User");
        if (filter.Types is not null && filter.Types.Any(string.IsNullOrEmpty))
            throw new ArgumentException("filter.Types must not contain empty types", "filter.Types");
        if (filter.SourceId is { Length: 0 })
            throw new ArgumentException("filter.SourceId must not be empty when set", "filter.SourceId");
        if (filter.From is { } from && filter.To is { } to && from > to)
            throw new ArgumentException($"filter.From ({from:O}) is after filter.To ({to:O})", "filter.From");
    }

    /// <summary>Checks a query and returns its vector scaled to unit length.</summary>
    public static float[] Validate(VectorQuery query, int dimension)
    {
        ArgumentNullException.ThrowIfNull(query);
        Validate(query.Filter);
        if (query.Limit is < 1 or > VectorQuery.MaxLimit)
            throw new ArgumentOutOfRangeException("query.Limit", query.Limit, $"limit must be between 1 and {VectorQuery.MaxLimit}");
        return UnitVector(query.Vector.Span, dimension, "query vector");
    }

    /// <summary>Keeps the last occurrence of each id, as if the points had been upserted one by one.</summary>
    public static IReadOnlyList<VectorPoint> LastPerId(IReadOnlyList<VectorPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<VectorPoint>(points.Count);
        for (var i = points.Count - 1; i >= 0; i--)
        {
            if (points[i] is { } point && seen.Add(point.Id ?? string.Empty))
                unique.Add(point);
            else if (points[i] is null)
                throw new ArgumentException($"points[{i}] is null", nameof(points));
        }

        unique.Reverse();
        return unique;
    }

    /// <summary>Copies a vector scaled to unit length, so cosine similarity becomes a dot product.</summary>
    public static float[] UnitVector(ReadOnlySpan<float> vector, int dimension, string what)
    {
        if (vector.Length != dimension)
            throw new ArgumentException($"{what} has {vector.Length} dimensions; the collection has {dimension}", nameof(vector));
        for (var i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
                throw new ArgumentException($"{what} has a non-finite value at index {i}", nameof(vector));
        }

        // The norm in double: a float sum of squares can underflow or overflow for extreme but finite inputs.
        var sum = 0d;
        foreach (var value in vector)
            sum += (double)value * value;
        var norm = Math.Sqrt(sum);
        if (norm == 0 || !double.IsFinite(norm))
            throw new ArgumentException($"{what} has zero length; cosine similarity needs a direction", nameof(vector));

        var unit = new float[vector.Length];
        TensorPrimitives.Multiply(vector, (float)(1 / norm), unit);
        return unit;
    }

    private static void RequireText(string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
            throw new ArgumentException($"{what} is required", what);
        if (value.Length > MaxIdLength)
            throw new ArgumentException($"{what} is longer than {MaxIdLength} characters", what);
    }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex CollectionName();
}
