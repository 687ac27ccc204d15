using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LifeOS.Vectors.Embedded.Storage;

/// <summary>Symmetric int8 quantization of stored rows and the integer dot product that scores them.</summary>
/// <remarks>
/// Rows are int8 (scale = max|x| / 127); the query is int16 (scale = max|x| / 8191), so nearly all of the error comes
/// from the rows. 8191 keeps every 32-bit lane of the SIMD accumulators below 2^31 up to <see cref="VectorValidation.MaxDimension"/>
/// dimensions (a lane sums at most dimension / 4 products of at most 127 * 8191); lanes are added up in 64 bits, where the
/// total of a very flat vector can exceed 2^31.
/// </remarks>
internal static class Int8Kernels
{
    public const int QueryLevels = 8191;

    /// <summary>Writes the int8 form of a vector and returns the scale that turns it back into floats.</summary>
    public static float Quantize(ReadOnlySpan<float> unit, Span<sbyte> destination)
    {
        var maxAbs = MathF.Abs(TensorPrimitives.MaxMagnitude(unit));
        if (maxAbs == 0)
        {
            destination.Clear();
            return 0;
        }

        var toInt = 127f / maxAbs;
        for (var i = 0; i < unit.Length; i++)
            destination[i] = (sbyte)Math.Clamp(MathF.Round(unit[i] * toInt), -127f, 127f);
        return maxAbs / 127f;
    }

    /// <summary>Writes the int16 form of a query and returns its scale.</summary>
    public static float QuantizeQuery(ReadOnlySpan<float> unit, Span<short> destination)
    {
        var maxAbs = MathF.Abs(TensorPrimitives.MaxMagnitude(unit));
        if (maxAbs == 0)
        {
            destination.Clear();
            return 0;
        }

        var toInt = QueryLevels / maxAbs;
        for (var i = 0; i < unit.Length; i++)
            destination[i] = (short)Math.Clamp(MathF.Round(unit[i] * toInt), -QueryLevels, QueryLevels);
        return maxAbs / QueryLevels;
    }

    /// <summary>Integer dot product of an int16 query with an int8 row.</summary>
    public static long Dot(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> row)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var r = ref MemoryMarshal.GetReference(row);
        var length = row.Length;
        var i = 0;
        var sum = 0L;

        if (Avx512BW.IsSupported && length >= 64)
        {
            var acc = Vector512<int>.Zero;
            for (; i <= length - 64; i += 64)
            {
                var (low, high) = Vector512.Widen(Vector512.LoadUnsafe(ref r, (nuint)i));
                acc += Avx512BW.MultiplyAddAdjacent(low, Vector512.LoadUnsafe(ref q, (nuint)i));
                acc += Avx512BW.MultiplyAddAdjacent(high, Vector512.LoadUnsafe(ref q, (nuint)(i + 32)));
            }

            var (lowLanes, highLanes) = Vector512.Widen(acc);
            sum = Vector512.Sum(lowLanes + highLanes);
        }

        if (Avx2.IsSupported && length - i >= 32)
        {
            var acc = Vector256<int>.Zero;
            for (; i <= length - 32; i += 32)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref r, (nuint)i));
                acc += Avx2.MultiplyAddAdjacent(low, Vector256.LoadUnsafe(ref q, (nuint)i));
                acc += Avx2.MultiplyAddAdjacent(high, Vector256.LoadUnsafe(ref q, (nuint)(i + 16)));
            }

            var (lowLanes, highLanes) = Vector256.Widen(acc);
            sum += Vector256.Sum(lowLanes + highLanes);
        }
        else if (Vector128.IsHardwareAccelerated && length - i >= 16)
        {
            // Portable path (Arm64 and older x64): widen to 32 bits and multiply lane by lane.
            var acc = Vector128<int>.Zero;
            for (; i <= length - 16; i += 16)
            {
                var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref r, (nuint)i));
                acc += MultiplyWidening(low, Vector128.LoadUnsafe(ref q, (nuint)i));
                acc += MultiplyWidening(high, Vector128.LoadUnsafe(ref q, (nuint)(i + 8)));
            }

            var (lowLanes, highLanes) = Vector128.Widen(acc);
            sum += Vector128.Sum(lowLanes + highLanes);
        }

        for (; i < length; i++)
            sum += Unsafe.Add(ref r, i) * Unsafe.Add(ref q, i);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> MultiplyWidening(Vector128<short> a, Vector128<short> b)
    {
        var (aLow, aHigh) = Vector128.Widen(a);
        var (bLow, bHigh) = Vector128.Widen(b);
        return (aLow * bLow) + (aHigh * bHigh);
    }
}
