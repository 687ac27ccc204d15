using LifeOS.Vectors.Embedded;

namespace LifeOS.Vectors.Tests.Embedded;

/// <summary>The vector index contract plus what only the embedded index promises: crash safety, compaction, parallel scans.</summary>
public abstract class EmbeddedVectorIndexContract : VectorIndexContract
{
    private readonly TempDirectory _directory = new();

    protected abstract VectorQuantization Quantization { get; }

    protected string DataDirectory => _directory.Path;

    protected EmbeddedVectorIndexOptions Options(
        int dimension, int partitionSize = 1_024, int parallelThreshold = 2_048, long compactionMinBytes = 64L << 20, string? directory = null) => new()
    {
        DataDirectory = directory ?? _directory.Path,
        Collection = "contract",
        Dimension = dimension,
        Quantization = Quantization,
        PartitionSize = partitionSize,
        ParallelScanThreshold = parallelThreshold,
        CompactionMinBytes = compactionMinBytes,
    };

    // Small partitions and a low parallel threshold so the contract's larger tests cross partitions and fan out.
    protected override Task<IVectorIndex> CreateAsync(int dimension) => Task.FromResult<IVectorIndex>(new EmbeddedVectorIndex(Options(dimension)));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task An_acknowledged_upsert_survives_a_reopen_without_dispose()
    {
        var ct = TestContext.Current.CancellationToken;
        var vectors = RandomVectors.Create(seed: 20, count: 3, SmallDimension);
        var first = new EmbeddedVectorIndex(Options(SmallDimension));
        await first.UpsertAsync([Point("acked-1", vectors[0], "alice"), Point("acked-2", vectors[1], "alice")], ct);
        await first.DeleteAsync(["acked-2"], ct);

        // No Dispose, no flush: the process is gone as far as the data is concerned.
        using var second = new EmbeddedVectorIndex(Options(SmallDimension));
        Assert.Equal(1, second.Count);
        var hit = Assert.Single(await second.SearchAsync(new VectorQuery(vectors[0], VectorFilter.ForUser("alice")), ct));
        Assert.Equal("acked-1", hit.Id);
        GC.KeepAlive(first);
    }

    [Fact]
    public async Task A_torn_last_record_is_cut_off_and_everything_acknowledged_before_it_survives()
    {
        var ct = TestContext.Current.CancellationToken;
        var vectors = RandomVectors.Create(seed: 21, count: 4, SmallDimension);
        using (var index = new EmbeddedVectorIndex(Options(SmallDimension)))
            await index.UpsertAsync([Point("a", vectors[0], "alice"), Point("b", vectors[1], "alice")], ct);

        // What a crash mid-append leaves: a frame promising 200 bytes of body, followed by only 5 of them.
        var log = Path.Combine(DataDirectory, "vectors", "contract", "points.log");
        var lengthBefore = new FileInfo(log).Length;
        await using (var file = new FileStream(log, FileMode.Append))
            await file.WriteAsync(new byte[] { 200, 0, 0, 0, 1, 2, 3, 4, 1, 9, 9, 9, 9 }, ct);

        using (var recovered = new EmbeddedVectorIndex(Options(SmallDimension)))
        {
            Assert.Equal(13, recovered.RecoveredTornBytes);
            Assert.Equal(lengthBefore, new FileInfo(log).Length);
            Assert.Equal(13, new FileInfo($"{log}.cut-at-{lengthBefore}").Length);
            Assert.Equal(2, recovered.Count);
            await recovered.UpsertAsync([Point("c", vectors[2], "alice")], ct);
        }

        using var reopened = new EmbeddedVectorIndex(Options(SmallDimension));
        Assert.Equal(0, reopened.RecoveredTornBytes);
        Assert.Equal(3, reopened.Count);
    }

    [Fact]
    public async Task A_flipped_byte_in_the_last_record_fails_its_checksum_and_only_that_record_is_lost()
    {
        var ct = TestContext.Current.CancellationToken;
        var vectors = RandomVectors.Create(seed: 22, count: 2, SmallDimension);
        using (var index = new EmbeddedVectorIndex(Options(SmallDimension)))
        {
            await index.UpsertAsync([Point("kept", vectors[0], "alice")], ct);
            await index.UpsertAsync([Point("torn", vectors[1], "alice")], ct);
        }

        var log = Path.Combine(DataDirectory, "vectors", "contract", "points.log");
        var bytes = await File.ReadAllBytesAsync(log, ct);
        bytes[^3] ^= 0x40;
        await File.WriteAllBytesAsync(log, bytes, ct);

        using var recovered = new EmbeddedVectorIndex(Options(SmallDimension));
        Assert.Equal(1, recovered.Count);
        Assert.Equal("kept", Assert.Single(await recovered.SearchAsync(new VectorQuery(vectors[1], VectorFilter.ForUser("alice")), ct)).Id);
    }

    [Fact]
    public async Task Compaction_keeps_the_live_points_and_shrinks_the_log()
    {
        var ct = TestContext.Current.CancellationToken;
        var vectors = RandomVectors.Create(seed: 23, count: 600, SmallDimension);
        var query = RandomVectors.Create(seed: 24, count: 1, SmallDimension)[0];
        IReadOnlyList<VectorHit> before;
        long bytesBefore;
        using (var index = new EmbeddedVectorIndex(Options(SmallDimension)))
        {
            await index.UpsertAsync(vectors.Select((v, i) => Point($"p{i % 300}", v, "alice", source: $"s{i % 7}")).ToList(), ct);
            await index.UpsertAsync(vectors.Take(300).Select((v, i) => Point($"p{i}", v, "alice", type: "again", source: $"s{i % 7}")).ToList(), ct);
            await index.DeleteBySourceAsync("alice", "s3", ct);
            await index.DeleteAsync(["p0", "p1"], ct);
            before = await index.SearchAsync(new VectorQuery(query, VectorFilter.ForUser("alice"), 25), ct);
            bytesBefore = index.LogBytes;

            await index.CompactAsync(ct);

            Assert.True(index.LogBytes < bytesBefore / 2, $"log went from {bytesBefore} to {index.LogBytes} bytes");
            Assert.Equal(before.Select(h => h.Id), (await index.SearchAsync(new VectorQuery(query, VectorFilter.ForUser("alice"), 25), ct)).Select(h => h.Id));
            await index.UpsertAsync([Point("after-compaction", vectors[5], "bob")], ct);
        }

        using var reopened = new EmbeddedVectorIndex(Options(SmallDimension));
        var after = await reopened.SearchAsync(new VectorQuery(query, VectorFilter.ForUser("alice"), 25), ct);
        Assert.Equal(before.Select(h => (h.Id, h.Payload)), after.Select(h => (h.Id, h.Payload)));
        Assert.Equal(300 - 43 - 2 + 1, reopened.Count);
    }

    [Fact]
    public async Task The_log_compacts_itself_once_most_of_it_is_superseded()
    {
        var ct = TestContext.Current.CancellationToken;
        var vectors = RandomVectors.Create(seed: 25, count: 50, SmallDimension);
        using var index = new EmbeddedVectorIndex(Options(SmallDimension, compactionMinBytes: 0));
        for (var round = 0; round < 10; round++)
            await index.UpsertAsync(vectors.Select((v, i) => Point($"p{i}", v, "alice", type: $"round{round}")).ToList(), ct);

        // Ten rounds of the same 50 ids: without compaction the log would hold 500 records, with it never more than 150.
        Assert.True(index.LogBytes < 3 * 50 * ((SmallDimension * 4) + 80), $"log is {index.LogBytes} bytes");
        Assert.Equal(50, await index.CountAsync(new VectorFilter("alice", ["round9"]), ct));
    }

    [Fact]
    public async Task Leftovers_of_an_interrupted_compaction_are_discarded_on_open()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var index = new EmbeddedVectorIndex(Options(SmallDimension)))
            await index.UpsertAsync([Point("a", Unit(SmallDimension, 0), "alice")], ct);
        var leftover = Path.Combine(DataDirectory, "vectors", "contract", "points.log.compacting");
        await File.WriteAllBytesAsync(leftover, [1, 2, 3], ct);

        using var reopened = new EmbeddedVectorIndex(Options(SmallDimension));
        Assert.False(File.Exists(leftover));
        Assert.Equal(1, reopened.Count);
    }

    [Fact]
    public async Task A_parallel_scan_over_many_partitions_answers_exactly_like_a_single_threaded_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var vectors = RandomVectors.Create(seed: 26, count: 3_000, 64);
        var points = vectors.Select((v, i) => Point($"p{i}", v, i % 4 == 0 ? "bob" : "alice", type: i % 3 == 0 ? "journal" : "knowledge", time: T0.AddMinutes(i))).ToList();
        using var parallel = new EmbeddedVectorIndex(Options(64, partitionSize: 64, parallelThreshold: 0));
        await parallel.UpsertAsync(points, ct);
        using var sequential = new EmbeddedVectorIndex(
            Options(64, partitionSize: 1 << 16, parallelThreshold: int.MaxValue, directory: Path.Combine(DataDirectory, "sequential")));
        await sequential.UpsertAsync(points, ct);

        foreach (var query in RandomVectors.Create(seed: 27, count: 10, 64))
        {
            var filter = new VectorFilter("alice", ["journal"], T0.AddMinutes(100), T0.AddMinutes(2_500));
            var expected = await sequential.SearchAsync(new VectorQuery(query, filter, 15), ct);
            var actual = await parallel.SearchAsync(new VectorQuery(query, filter, 15), ct);
            Assert.Equal(expected.Select(h => h.Id), actual.Select(h => h.Id));
        }
    }

    [Fact]
    public async Task Deletes_that_move_rows_between_partitions_keep_every_remaining_point_findable()
    {
        var ct = TestContext.Current.CancellationToken;
        var vectors = RandomVectors.Create(seed: 28, count: 500, SmallDimension);
        using var index = new EmbeddedVectorIndex(Options(SmallDimension, partitionSize: 64));
        await index.UpsertAsync(vectors.Select((v, i) => Point($"p{i}", v, i % 2 == 0 ? "alice" : "bob")).ToList(), ct);
        await index.DeleteAsync(Enumerable.Range(0, 500).Where(i => i % 3 == 0).Select(i => $"p{i}").ToList(), ct);
        await index.DeleteByUserAsync("bob", cancellationToken: ct);

        var remaining = Enumerable.Range(0, 500).Where(i => i % 3 != 0 && i % 2 == 0).ToList();
        Assert.Equal(remaining.Count, index.Count);
        foreach (var i in remaining)
        {
            var hits = await index.SearchAsync(new VectorQuery(vectors[i], VectorFilter.ForUser("alice"), 1), ct);
            Assert.Equal($"p{i}", hits[0].Id);
            Assert.Equal("alice", hits[0].Payload.User);
        }
    }

    [Fact]
    public async Task Concurrent_writers_and_searchers_leave_a_consistent_index()
    {
        var ct = TestContext.Current.CancellationToken;
        var vectors = RandomVectors.Create(seed: 29, count: 800, SmallDimension);
        using var index = new EmbeddedVectorIndex(Options(SmallDimension, partitionSize: 64, parallelThreshold: 128));
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            foreach (var batch in Enumerable.Range(0, 200).Select(i => (w * 200) + i).Chunk(20))
                await index.UpsertAsync(batch.Select(i => Point($"p{i}", vectors[i], "alice")).ToList(), ct);
        }, ct));
        var searchers = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                var hits = await index.SearchAsync(new VectorQuery(vectors[(s * 100) + i], VectorFilter.ForUser("alice"), 5), ct);
                Assert.True(hits.Count <= 5);
                Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.Id), hits.Select(h => h.Id));
            }
        }, ct));
        await Task.WhenAll(writers.Concat(searchers));

        Assert.Equal(800, index.Count);
        for (var i = 0; i < 800; i += 37)
            Assert.Equal($"p{i}", (await index.SearchAsync(new VectorQuery(vectors[i], VectorFilter.ForUser("alice"), 1), ct))[0].Id);
    }
}
