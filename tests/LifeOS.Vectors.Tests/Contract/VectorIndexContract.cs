namespace LifeOS.Vectors.Tests.Contract;

/// <summary>The contract every <see cref="IVectorIndex"/> implementation must pass; one subclass per implementation.</summary>
/// <remarks>Each test instance works in its own collection, so tests never see each other's points.</remarks>
public abstract class VectorIndexContract : IAsyncLifetime
{
    protected const int SmallDimension = 32;

    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly List<IVectorIndex> _opened = [];

    /// <summary>A new index instance over this test's collection; a second call reopens the same stored data.</summary>
    protected abstract Task<IVectorIndex> CreateAsync(int dimension);

    /// <summary>Recall@10 against brute force the implementation guarantees on random vectors: exact search must find all ten.</summary>
    protected virtual double MinimumRecallAt10 => 1.0;

    /// <summary>How far a stored point's score against its own vector may fall below 1 (quantization error).</summary>
    protected virtual float ScoreTolerance => 1e-4f;

    protected async Task<IVectorIndex> OpenAsync(int dimension = SmallDimension)
    {
        var index = await CreateAsync(dimension);
        _opened.Add(index);
        await index.EnsureCollectionAsync(TestContext.Current.CancellationToken);
        return index;
    }

    /// <summary>Releases an instance as a clean shutdown would, before the storage is opened again.</summary>
    protected static void Close(IVectorIndex index) => (index as IDisposable)?.Dispose();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        foreach (var index in _opened)
            Close(index);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Ensuring_the_collection_is_idempotent_and_another_dimension_is_refused()
    {
        var index = await OpenAsync(SmallDimension);
        await index.EnsureCollectionAsync(TestContext.Current.CancellationToken);
        await index.UpsertAsync([Point("a", Unit(SmallDimension, 0), "alice")], TestContext.Current.CancellationToken);
        Close(index);

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => OpenAsync(SmallDimension * 2));
        Assert.Contains(SmallDimension.ToString(), error.Message);
    }

    [Fact]
    public async Task An_upserted_point_is_its_own_nearest_neighbour_and_comes_back_with_its_payload()
    {
        var index = await OpenAsync();
        var vectors = RandomVectors.Create(seed: 1, count: 60, SmallDimension);
        var points = vectors.Select((v, i) => new VectorPoint(
            $"doc-{i}",
            v,
            new VectorPayload("alice", i % 2 == 0 ? "knowledge" : "journal", T0.AddMinutes(i).AddTicks(10 * i), $"source-{i / 3}", i % 3, "test-model@1", $"snippet {i} – ünïcode")))
            .ToList();
        await index.UpsertAsync(points, TestContext.Current.CancellationToken);

        foreach (var i in new[] { 0, 17, 42, 59 })
        {
            var hits = await index.SearchAsync(new VectorQuery(vectors[i], VectorFilter.ForUser("alice"), 3), TestContext.Current.CancellationToken);
            Assert.Equal(points[i].Id, hits[0].Id);
            Assert.InRange(hits[0].Score, 1 - ScoreTolerance, 1 + ScoreTolerance);
            Assert.Equal(points[i].Payload, hits[0].Payload);
        }
    }

    [Fact]
    public async Task Scores_are_cosine_similarities_whatever_the_vectors_length()
    {
        var index = await OpenAsync();
        await index.UpsertAsync([Point("x", Unit(SmallDimension, 0), "alice"), Point("y", Unit(SmallDimension, 1), "alice")], TestContext.Current.CancellationToken);

        var scaled = Unit(SmallDimension, 0).Select(v => v * 37.5f).ToArray();
        var hits = await index.SearchAsync(new VectorQuery(scaled, VectorFilter.ForUser("alice"), 2), TestContext.Current.CancellationToken);
        Assert.Equal(["x", "y"], hits.Select(h => h.Id));
        Assert.Equal(1f, hits[0].Score, ScoreTolerance);
        Assert.Equal(0f, hits[1].Score, ScoreTolerance);

        var diagonal = new float[SmallDimension];
        diagonal[0] = -1;
        diagonal[1] = 1;
        hits = await index.SearchAsync(new VectorQuery(diagonal, VectorFilter.ForUser("alice"), 2), TestContext.Current.CancellationToken);
        Assert.Equal("y", hits[0].Id);
        Assert.Equal(MathF.Sqrt(0.5f), hits[0].Score, 1e-3f);
        Assert.Equal(-MathF.Sqrt(0.5f), hits[1].Score, 1e-3f);
    }

    [Fact]
    public async Task Hits_come_best_first_and_never_more_than_the_limit()
    {
        var index = await OpenAsync();
        var vectors = RandomVectors.Create(seed: 2, count: 200, SmallDimension);
        await index.UpsertAsync(vectors.Select((v, i) => Point($"p{i}", v, "alice")).ToList(), TestContext.Current.CancellationToken);

        var hits = await index.SearchAsync(new VectorQuery(RandomVectors.Create(3, 1, SmallDimension)[0], VectorFilter.ForUser("alice"), 7), TestContext.Current.CancellationToken);
        Assert.Equal(7, hits.Count);
        Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.Id), hits.Select(h => h.Id));

        var all = await index.SearchAsync(new VectorQuery(vectors[0], VectorFilter.ForUser("alice"), VectorQuery.MaxLimit), TestContext.Current.CancellationToken);
        Assert.Equal(200, all.Count);
    }

    [Fact]
    public async Task Upserting_an_existing_id_replaces_its_vector_and_payload()
    {
        var index = await OpenAsync();
        await index.UpsertAsync([Point("same", Unit(SmallDimension, 0), "alice", type: "journal")], TestContext.Current.CancellationToken);
        await index.UpsertAsync([Point("same", Unit(SmallDimension, 5), "alice", type: "knowledge")], TestContext.Current.CancellationToken);

        Assert.Equal(1, await index.CountAsync(VectorFilter.ForUser("alice"), TestContext.Current.CancellationToken));
        var hits = await index.SearchAsync(new VectorQuery(Unit(SmallDimension, 5), VectorFilter.ForUser("alice")), TestContext.Current.CancellationToken);
        var hit = Assert.Single(hits);
        Assert.Equal(1f, hit.Score, ScoreTolerance);
        Assert.Equal("knowledge", hit.Payload.Type);
        Assert.Equal(0, await index.CountAsync(new VectorFilter("alice", ["journal"]), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Within_one_batch_the_last_point_with_an_id_wins()
    {
        var index = await OpenAsync();
        await index.UpsertAsync(
            [Point("dup", Unit(SmallDimension, 0), "alice", type: "first"), Point("dup", Unit(SmallDimension, 1), "alice", type: "last")],
            TestContext.Current.CancellationToken);

        var hit = Assert.Single(await index.SearchAsync(new VectorQuery(Unit(SmallDimension, 1), VectorFilter.ForUser("alice")), TestContext.Current.CancellationToken));
        Assert.Equal("last", hit.Payload.Type);
    }

    [Fact]
    public async Task A_search_never_returns_another_users_points()
    {
        var index = await OpenAsync();
        var vectors = RandomVectors.Create(seed: 4, count: 40, SmallDimension);
        await index.UpsertAsync(vectors.Select((v, i) => Point($"u{i}", v, i < 20 ? "alice" : "bob")).ToList(), TestContext.Current.CancellationToken);

        // Bob's own vector, searched as Alice: the perfect match is Bob's and must stay invisible.
        var hits = await index.SearchAsync(new VectorQuery(vectors[30], VectorFilter.ForUser("alice"), 50), TestContext.Current.CancellationToken);
        Assert.Equal(20, hits.Count);
        Assert.All(hits, h => Assert.Equal("alice", h.Payload.User));
        Assert.Empty(await index.SearchAsync(new VectorQuery(vectors[30], VectorFilter.ForUser("carol")), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_type_filter_keeps_only_the_listed_types()
    {
        var index = await OpenAsync();
        var vectors = RandomVectors.Create(seed: 5, count: 30, SmallDimension);
        string[] types = ["knowledge", "journal", "transcript"];
        await index.UpsertAsync(vectors.Select((v, i) => Point($"t{i}", v, "alice", type: types[i % 3])).ToList(), TestContext.Current.CancellationToken);

        var hits = await index.SearchAsync(new VectorQuery(vectors[0], new VectorFilter("alice", ["journal", "transcript"]), 100), TestContext.Current.CancellationToken);
        Assert.Equal(20, hits.Count);
        Assert.DoesNotContain(hits, h => h.Payload.Type == "knowledge");
        Assert.Empty(await index.SearchAsync(new VectorQuery(vectors[0], new VectorFilter("alice", ["never-stored"])), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_time_filter_is_half_open_from_inclusive_to_exclusive()
    {
        var index = await OpenAsync();
        var vectors = RandomVectors.Create(seed: 6, count: 5, SmallDimension);
        await index.UpsertAsync(vectors.Select((v, i) => Point($"h{i}", v, "alice", time: T0.AddHours(i))).ToList(), TestContext.Current.CancellationToken);

        var hits = await index.SearchAsync(new VectorQuery(vectors[0], new VectorFilter("alice", From: T0.AddHours(1), To: T0.AddHours(3)), 10), TestContext.Current.CancellationToken);
        Assert.Equal(["h1", "h2"], hits.Select(h => h.Id).Order());

        hits = await index.SearchAsync(new VectorQuery(vectors[0], new VectorFilter("alice", From: T0.AddHours(3)), 10), TestContext.Current.CancellationToken);
        Assert.Equal(["h3", "h4"], hits.Select(h => h.Id).Order());

        hits = await index.SearchAsync(new VectorQuery(vectors[0], new VectorFilter("alice", To: T0.AddHours(1).AddTicks(10)), 10), TestContext.Current.CancellationToken);
        Assert.Equal(["h0", "h1"], hits.Select(h => h.Id).Order());
    }

    [Fact]
    public async Task Deleting_by_id_removes_exactly_those_points_and_ignores_unknown_ids()
    {
        var index = await OpenAsync();
        var vectors = RandomVectors.Create(seed: 7, count: 10, SmallDimension);
        await index.UpsertAsync(vectors.Select((v, i) => Point($"d{i}", v, "alice")).ToList(), TestContext.Current.CancellationToken);

        await index.DeleteAsync(["d3", "d7", "never-existed"], TestContext.Current.CancellationToken);

        Assert.Equal(8, await index.CountAsync(VectorFilter.ForUser("alice"), TestContext.Current.CancellationToken));
        var hits = await index.SearchAsync(new VectorQuery(vectors[3], VectorFilter.ForUser("alice"), 100), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(hits, h => h.Id is "d3" or "d7");
        Assert.NotEqual("d3", hits[0].Id);
    }

    [Fact]
    public async Task Deleting_a_source_removes_all_of_its_chunks_and_nothing_else()
    {
        var index = await OpenAsync();
        var vectors = RandomVectors.Create(seed: 8, count: 12, SmallDimension);
        await index.UpsertAsync(vectors.Select((v, i) => Point($"c{i}", v, i < 9 ? "alice" : "bob", source: $"item-{i % 3}")).ToList(), TestContext.Current.CancellationToken);

        await index.DeleteBySourceAsync("alice", "item-1", TestContext.Current.CancellationToken);

        Assert.Equal(0, await index.CountAsync(new VectorFilter("alice", SourceId: "item-1"), TestContext.Current.CancellationToken));
        Assert.Equal(6, await index.CountAsync(VectorFilter.ForUser("alice"), TestContext.Current.CancellationToken));
        // Bob's chunk of a source with the same id is his, not Alice's.
        Assert.Equal(1, await index.CountAsync(new VectorFilter("bob", SourceId: "item-1"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Deleting_a_users_data_by_type_and_time_range_removes_only_the_matching_points()
    {
        var index = await OpenAsync();
        var vectors = RandomVectors.Create(seed: 9, count: 24, SmallDimension);
        await index.UpsertAsync(
            vectors.Select((v, i) => Point($"r{i}", v, i < 16 ? "alice" : "bob", type: i % 2 == 0 ? "journal" : "knowledge", time: T0.AddDays(i % 8))).ToList(),
            TestContext.Current.CancellationToken);

        // Alice's journal entries from days 2..5: i even, i % 8 in [2, 6) -> i = 2, 4, 10, 12.
        await index.DeleteByUserAsync("alice", ["journal"], T0.AddDays(2), T0.AddDays(6), TestContext.Current.CancellationToken);
        Assert.Equal(12, await index.CountAsync(VectorFilter.ForUser("alice"), TestContext.Current.CancellationToken));
        Assert.Equal(4, await index.CountAsync(new VectorFilter("alice", ["journal"]), TestContext.Current.CancellationToken));

        await index.DeleteByUserAsync("alice", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, await index.CountAsync(VectorFilter.ForUser("alice"), TestContext.Current.CancellationToken));
        Assert.Empty(await index.SearchAsync(new VectorQuery(vectors[0], VectorFilter.ForUser("alice")), TestContext.Current.CancellationToken));
        Assert.Equal(8, await index.CountAsync(VectorFilter.ForUser("bob"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Count_applies_the_same_filters_as_search()
    {
        var index = await OpenAsync();
        var vectors = RandomVectors.Create(seed: 10, count: 30, SmallDimension);
        await index.UpsertAsync(
            vectors.Select((v, i) => Point($"n{i}", v, "alice", type: i % 3 == 0 ? "journal" : "knowledge", time: T0.AddMinutes(i), source: $"s{i % 5}")).ToList(),
            TestContext.Current.CancellationToken);

        Assert.Equal(30, await index.CountAsync(VectorFilter.ForUser("alice"), TestContext.Current.CancellationToken));
        Assert.Equal(10, await index.CountAsync(new VectorFilter("alice", ["journal"]), TestContext.Current.CancellationToken));
        Assert.Equal(10, await index.CountAsync(new VectorFilter("alice", From: T0.AddMinutes(10), To: T0.AddMinutes(20)), TestContext.Current.CancellationToken));
        Assert.Equal(6, await index.CountAsync(new VectorFilter("alice", SourceId: "s4"), TestContext.Current.CancellationToken));
        Assert.Equal(0, await index.CountAsync(VectorFilter.ForUser("nobody"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Points_and_deletes_survive_reopening_the_index()
    {
        var index = await OpenAsync();
        var vectors = RandomVectors.Create(seed: 11, count: 50, SmallDimension);
        await index.UpsertAsync(vectors.Select((v, i) => Point($"k{i}", v, "alice", source: $"src{i % 5}")).ToList(), TestContext.Current.CancellationToken);
        await index.DeleteAsync(["k1", "k2"], TestContext.Current.CancellationToken);
        await index.DeleteBySourceAsync("alice", "src4", TestContext.Current.CancellationToken);
        await index.UpsertAsync([Point("k0", vectors[49], "alice", type: "replaced")], TestContext.Current.CancellationToken);
        var before = await index.SearchAsync(new VectorQuery(vectors[49], VectorFilter.ForUser("alice"), 20), TestContext.Current.CancellationToken);
        Close(index);

        var reopened = await OpenAsync();
        Assert.Equal(38, await reopened.CountAsync(VectorFilter.ForUser("alice"), TestContext.Current.CancellationToken));
        var after = await reopened.SearchAsync(new VectorQuery(vectors[49], VectorFilter.ForUser("alice"), 20), TestContext.Current.CancellationToken);
        Assert.Equal(before.Select(h => (h.Id, h.Payload)), after.Select(h => (h.Id, h.Payload)));
        Assert.Equal("replaced", after.Single(h => h.Id == "k0").Payload.Type);
    }

    [Fact]
    public async Task Recall_at_10_against_brute_force_on_random_384_dimension_vectors()
    {
        const int dimension = 384;
        var index = await OpenAsync(dimension);
        var vectors = RandomVectors.Create(seed: 12, count: 5_000, dimension);
        foreach (var batch in vectors.Select((v, i) => Point($"v{i}", v, "alice")).Chunk(1_000))
            await index.UpsertAsync(batch, TestContext.Current.CancellationToken);

        var queries = RandomVectors.Create(seed: 13, count: 20, dimension);
        var truth = queries.Select(q => RandomVectors.BruteForceTopK(vectors, q, 10)).ToList();
        var found = new List<IReadOnlyList<string>>();
        foreach (var query in queries)
            found.Add((await index.SearchAsync(new VectorQuery(query, VectorFilter.ForUser("alice"), 10), TestContext.Current.CancellationToken)).Select(h => h.Id).ToList());

        var recall = RandomVectors.RecallAtK(truth, found, i => $"v{i}");
        Assert.True(recall >= MinimumRecallAt10, $"recall@10 was {recall:F4}; the implementation promises {MinimumRecallAt10}");
    }

    [Fact]
    public async Task Bad_input_is_refused_with_an_error_naming_the_problem()
    {
        var index = await OpenAsync();
        var good = Unit(SmallDimension, 0);
        var ct = TestContext.Current.CancellationToken;

        await AssertRefused(() => index.UpsertAsync([Point("short", new float[SmallDimension - 1], "alice")], ct), "dimensions");
        await AssertRefused(() => index.UpsertAsync([Point("zero", new float[SmallDimension], "alice")], ct), "zero length");
        var nan = Unit(SmallDimension, 0);
        nan[3] = float.NaN;
        await AssertRefused(() => index.UpsertAsync([Point("nan", nan, "alice")], ct), "non-finite");
        await AssertRefused(() => index.UpsertAsync([Point("", good, "alice")], ct), "id");
        await AssertRefused(() => index.UpsertAsync([Point("nouser", good, "")], ct), "User");
        await AssertRefused(() => index.SearchAsync(new VectorQuery(good, VectorFilter.ForUser("alice"), 0), ct), "limit");
        await AssertRefused(() => index.SearchAsync(new VectorQuery(good, VectorFilter.ForUser("")), ct), "User");
        await AssertRefused(() => index.SearchAsync(new VectorQuery(good, new VectorFilter("alice", From: T0, To: T0.AddDays(-1))), ct), "after");
        await AssertRefused(() => index.DeleteAsync(VectorFilter.ForUser(" ".Trim()), ct), "User");

        // A refused batch changes nothing, not even its valid points.
        await AssertRefused(() => index.UpsertAsync([Point("fine", good, "alice"), Point("bad", new float[3], "alice")], ct), "dimensions");
        Assert.Equal(0, await index.CountAsync(VectorFilter.ForUser("alice"), ct));
    }

    protected static VectorPoint Point(string id, float[] vector, string user, string type = "knowledge", DateTimeOffset? time = null, string? source = null) =>
        new(id, vector, new VectorPayload(user, type, time ?? T0, source));

    /// <summary>The unit vector along one axis.</summary>
    protected static float[] Unit(int dimension, int axis)
    {
        var v = new float[dimension];
        v[axis] = 1;
        return v;
    }

    private static async Task AssertRefused(Func<Task> action, string mentions)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(action);
        Assert.Contains(mentions, error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
