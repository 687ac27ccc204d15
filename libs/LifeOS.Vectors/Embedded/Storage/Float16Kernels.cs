using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LifeOS.Vectors.Embedded.Storage;

/// <summary>Dot product of a float32 query with an IEEE half row, widening the halves in registers.</summary>
/// <remarks>
/// .NET has no half-to-float SIMD conversion, and converting a row into a buffer first and then taking the dot product
/// is about 1.7 times slower. The widening is the exact bit construction: normal halves get their exponent rebased
/// (+112) and mantissa shifted, subnormal ones are their integer mantissa times 2^-24. Infinity and NaN cannot occur:
/// rows are finite unit vectors, so every component is in [-1, 1].
/// </remarks>
internal static class Float16Kernels
{
    private const uint ExponentRebase = 112u << 23;
    private const float SubnormalUnit = 1f / (1 << 24);

    public static float Dot(ReadOnlySpan<float> query, ReadOnlySpan<Half> row)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var r = ref Unsafe.As<Half, ushort>(ref MemoryMarshal.GetReference(row));
        var length = row.Length;
        var i = 0;
        var sum = 0f;

        if (Vector512.IsHardwareAccelerated && length >= 32)
        {
            var low = Vector512<float>.Zero;
            var high = Vector512<float>.Zero;
            for (; i <= length - 32; i += 32)
            {
                var (lowBits, highBits) = Vector512.Widen(Vector512.LoadUnsafe(ref r, (nuint)i));
                low = Vector512.FusedMultiplyAdd(Widen(lowBits), Vector512.LoadUnsafe(ref q, (nuint)i), low);
                high = Vector512.FusedMultiplyAdd(Widen(highBits), Vector512.LoadUnsafe(ref q, (nuint)(i + 16)), high);
            }

            sum = Vector512.Sum(low + high);
        }
        else if (Vector256.IsHardwareAccelerated && length >= 16)
        {
            var low = Vector256<float>.Zero;
            var high = Vector256<float>.Zero;
            for (; i <= length - 16; i += 16)
            {
                var (lowBits, highBits) = Vector256.Widen(Vector256.LoadUnsafe(ref r, (nuint)i));
                low = Vector256.FusedMultiplyAdd(Widen(lowBits), Vector256.LoadUnsafe(ref q, (nuint)i), low);
                high = Vector256.FusedMultiplyAdd(Widen(highBits), Vector256.LoadUnsafe(ref q, (nuint)(i + 8)), high);
            }

            sum = Vector256.Sum(low + high);
        }
        else if (length > 0)
        {
            // No wide vectors: widen the row into a buffer and let TensorPrimitives take the dot product.
            Span<float> widened = length <= 2048 ? stackalloc float[length] : new float[length];
            TensorPrimitives.ConvertToSingle(row, widened);
            return TensorPrimitives.Dot(query, widened);
        }

        for (; i < length; i++)
            sum += (float)row[i] * query[i];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Widen(Vector512<uint> bits)
    {
        var magnitude = bits & Vector512.Create(0x7FFFu);
        var sign = (bits & Vector512.Create(0x8000u)) << 16;
        var normal = ((magnitude << 13) + Vector512.Create(ExponentRebase)).AsSingle();
        var subnormal = Vector512.ConvertToSingle(magnitude.AsInt32()) * Vector512.Create(SubnormalUnit);
        var isSubnormal = Vector512.LessThan(magnitude, Vector512.Create(0x0400u)).AsSingle();
        return (Vector512.ConditionalSelect(isSubnormal, subnormal, normal).AsUInt32() | sign).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Widen(Vector256<uint> bits)
    {
        var magnitude = bits & Vector256.Create(0x7FFFu);
        var sign = (bits & Vector256.Create(0x8000u)) << 16;
        var normal = ((magnitude << 13) + Vector256.Create(ExponentRebase)).AsSingle();
        var subnormal = Vector256.ConvertToSingle(magnitude.AsInt32()) * Vector256.Create(SubnormalUnit);
        var isSubnormal = Vector256.LessThan(magnitude, Vector256.Create(0x0400u)).AsSingle();
        return (Vector256.ConditionalSelect(isSubnormal, subnormal, normal).AsUInt32() | sign).AsSingle();
    }
}
