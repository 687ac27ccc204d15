using System.Buffers;
using LifeOS.Vectors.Embedded.Persistence;
using LifeOS.Vectors.Embedded.Search;
using LifeOS.Vectors.Embedded.Storage;

namespace LifeOS.Vectors.Tests.Embedded;

/// <summary>The embedded index's building blocks in isolation: the int8 kernel, the top-k heap and the log record codec.</summary>
public sealed class KernelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(384)]
    [InlineData(8192)]
    public void The_int8_dot_product_equals_the_scalar_sum_at_every_length(int length)
    {
        var random = new Random(length);
        var query = Enumerable.Range(0, length).Select(_ => (short)random.Next(-Int8Kernels.QueryLevels, Int8Kernels.QueryLevels + 1)).ToArray();
        var row = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var expected = 0L;
        for (var i = 0; i < length; i++)
            expected += query[i] * row[i];

        Assert.Equal(expected, Int8Kernels.Dot(query, row));
    }

    [Fact]
    public void The_int8_dot_product_cannot_overflow_at_the_largest_dimension()
    {
        var query = Enumerable.Repeat((short)Int8Kernels.QueryLevels, VectorValidation.MaxDimension).ToArray();
        var row = Enumerable.Repeat((sbyte)-127, VectorValidation.MaxDimension).ToArray();
        Assert.Equal(-127L * Int8Kernels.QueryLevels * VectorValidation.MaxDimension, Int8Kernels.Dot(query, row));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(384)]
    [InlineData(1000)]
    public void The_half_dot_product_widens_every_half_exactly(int length)
    {
        var random = new Random(length);
        // Normal, subnormal (below 2^-14), zero and negative halves, all in [-1, 1] as in a unit vector.
        var values = Enumerable.Range(0, length).Select(i => (i % 5) switch
        {
            0 => (random.NextSingle() * 2) - 1,
            1 => ((random.NextSingle() * 2) - 1) * 6e-5f,
            2 => 0f,
            3 => -random.NextSingle() * 1e-3f,
            _ => random.NextSingle(),
        }).ToArray();
        var halves = values.Select(v => (Half)v).ToArray();
        var query = Enumerable.Range(0, length).Select(_ => (random.NextSingle() * 2) - 1).ToArray();

        var expected = 0d;
        for (var i = 0; i < length; i++)
            expected += (double)(float)halves[i] * query[i];

        Assert.Equal(expected, Float16Kernels.Dot(query, halves), 1e-4);
    }

    [Fact]
    public void Quantised_scores_stay_close_to_exact_cosine_similarity()
    {
        var vectors = RandomVectors.Create(seed: 1, count: 200, 384);
        var query = new PreparedQuery(vectors[0], LifeOS.Vectors.Embedded.VectorQuantization.Int8);
        var rows = new Int8Rows(200, 384);
        for (var i = 0; i < 200; i++)
            rows.Write(i, vectors[i]);
        var scores = new float[200];
        rows.ScoreAll(query, 200, scores);
        for (var i = 0; i < 200; i++)
            Assert.Equal(System.Numerics.Tensors.TensorPrimitives.Dot(vectors[0], vectors[i]), scores[i], 0.005f);
    }

    [Fact]
    public void The_heap_keeps_the_k_best_best_first()
    {
        var top = new TopK(5);
        var scores = Enumerable.Range(0, 1000).Select(i => (float)Math.Sin(i)).ToArray();
        for (var i = 0; i < scores.Length; i++)
            top.Offer(scores[i], i);

        var expected = scores.Select((s, i) => (s, (long)i)).OrderByDescending(p => p.s).Take(5).ToArray();
        Assert.Equal(expected, top.Sorted().Select(p => (p.Score, p.Slot)));
    }

    [Fact]
    public void Log_records_read_back_as_written()
    {
        var writer = new ArrayBufferWriter<byte>();
        var payload = new VectorPayload("alice", "journal", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(120), "src", 4, null, "snïppet");
        var unit = new[] { 0.6f, 0.8f };
        var first = RecordCodec.WriteUpsert(writer, "id-1", unit, payload);
        var second = RecordCodec.WriteDeleteFilter(writer, new VectorFilter("alice", ["a", "b"], To: payload.Time, SourceId: "src"));
        var third = RecordCodec.WriteDeleteIds(writer, ["x", "y"]);

        var bytes = writer.WrittenSpan.ToArray();
        Assert.Equal(0, first);
        var upsert = Assert.IsType<UpsertRecord>(Decode(bytes, first));
        Assert.Equal(("id-1", payload), (upsert.Id, upsert.Payload));
        Assert.Equal(unit, upsert.Unit);
        var filter = Assert.IsType<DeleteFilterRecord>(Decode(bytes, second)).Filter;
        Assert.Equal(("alice", null, payload.Time, "src"), (filter.User, filter.From, filter.To, filter.SourceId));
        Assert.Equal(["a", "b"], filter.Types!);
        Assert.Equal(["x", "y"], Assert.IsType<DeleteIdsRecord>(Decode(bytes, third)).Ids);
    }

    private static LogRecord Decode(byte[] bytes, int offset)
    {
        var length = BitConverter.ToInt32(bytes, offset);
        var body = bytes.AsSpan(offset + RecordCodec.FrameSize, length);
        Assert.Equal(BitConverter.ToUInt32(bytes, offset + 4), RecordCodec.Checksum(body));
        return RecordCodec.Read(body, dimension: 2);
    }
}
