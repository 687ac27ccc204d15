using LifeOS.Contracts;
using LifeOS.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Search.Tests;

/// <summary>The text index contract on PostgreSQL, each test on a fresh database.</summary>
public sealed class PostgresTextIndexTests(PostgresServer server) : TextIndexContract
{
    private PostgresTextIndex? _index;

    protected override async Task<ITextIndex> CreateAsync() =>
        _index = new PostgresTextIndex(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_index is not null)
            await _index.DisposeAsync();
    }

    [Fact]
    public async Task Two_indexes_on_one_database_share_the_chunks_and_the_schema_is_created_once()
    {
        var chunk = new TextChunk(TextChunk.IdOf("n1", 0), "u1", SearchKinds.Note, SourceTypes.KnowledgeItem, "n1", 0,
            new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), "Harbour cranes at dusk", "Photos");
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using var first = new PostgresTextIndex(connectionString);
        await using var second = new PostgresTextIndex(connectionString);
        // Both create the table at once, as two API replicas starting together would.
        await Task.WhenAll(first.GetSourceAsync("u1", "none"), second.GetSourceAsync("u1", "none"));

        await first.ReplaceSourcesAsync([chunk]);
        var hit = Assert.Single(await second.SearchAsync(new TextQuery("u1", "crane")));
        Assert.Equal("Photos", hit.Chunk.Title);
        Assert.Equal(chunk.Time, hit.Chunk.Time);
        Assert.Equal(["cranes"], hit.MatchedTerms);
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_body_match()
    {
        var t0 = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        await Index.ReplaceSourcesAsync([
            new TextChunk("a#0", "u1", SearchKinds.Note, SourceTypes.KnowledgeItem, "a", 0, t0, "Some notes that mention a kayak once.", "Misc"),
            new TextChunk("b#0", "u1", SearchKinds.Note, SourceTypes.KnowledgeItem, "b", 0, t0, "Paddles, spray deck and a dry bag.", "Kayak"),
        ]);
        Assert.Equal(["b", "a"], (await Index.SearchAsync(new TextQuery("u1", "kayak"))).Select(h => h.Chunk.SourceId));
    }

    [Fact]
    public void Registration_makes_it_the_text_index_and_a_data_eraser()
    {
        using var provider = new ServiceCollection().AddPostgresTextIndex("Host=127.0.0.1;Database=unused").BuildServiceProvider();
        var index = provider.GetRequiredService<ITextIndex>();
        Assert.IsType<PostgresTextIndex>(index);
        Assert.Same(index, Assert.Single(provider.GetServices<IUserDataEraser>()));
    }
}
