using LifeOS.Contracts;
using LifeOS.Search;
using LifeOS.Storage;

namespace LifeOS.Testing.Search;

/// <summary>The text index contract: every implementation (SQLite FTS5, PostgreSQL tsvector) runs these. Exact ranking may
/// differ between engines; what a person relies on may not.</summary>
public abstract class TextIndexContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    protected ITextIndex Index { get; private set; } = null!;

    protected abstract Task<ITextIndex> CreateAsync();

    public async ValueTask InitializeAsync() => Index = await CreateAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static TextChunk Chunk(string user, string source, int position, string text, string kind = SearchKinds.Note, int day = 0, string? title = null) =>
        new(TextChunk.IdOf(source, position), user, kind, kind == SearchKinds.Journal ? SourceTypes.JournalEntry : SourceTypes.KnowledgeItem, source, position,
            T0.AddDays(day), text, title);

    [Fact]
    public async Task Finds_chunks_by_their_words_with_stemming_and_says_which_words_matched()
    {
        await Index.ReplaceSourcesAsync([
            Chunk("u1", "n1", 0, "Notes on sourdough baking: the starter needs feeding twice a day."),
            Chunk("u1", "n2", 0, "Meeting notes about the quarterly budget."),
        ]);
        var hits = await Index.SearchAsync(new TextQuery("u1", "starters fed"));
        var hit = Assert.Single(hits);
        Assert.Equal("n1", hit.Chunk.SourceId);
        Assert.Equal(1, hit.Rank);
        Assert.Contains("starter", hit.MatchedTerms);
        Assert.Contains("[starter]", hit.Snippet, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ranks_chunks_with_more_matching_words_first()
    {
        await Index.ReplaceSourcesAsync([
            Chunk("u1", "a", 0, "A walk in the forest."),
            Chunk("u1", "b", 0, "A long walk in the forest near the lake, then a swim in the lake."),
        ]);
        var hits = await Index.SearchAsync(new TextQuery("u1", "forest lake swim"));
        Assert.Equal(["b", "a"], hits.Select(h => h.Chunk.SourceId));
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public async Task Never_answers_across_users_and_honours_kind_and_time_filters()
    {
        await Index.ReplaceSourcesAsync([
            Chunk("u1", "j1", 0, "Climbing gym with Sam", SearchKinds.Journal, day: 0),
            Chunk("u1", "n1", 0, "Climbing shoes to buy", SearchKinds.Note, day: 5),
            Chunk("u2", "n2", 0, "Climbing trip plans", SearchKinds.Note, day: 0),
        ]);
        Assert.Equal(["j1", "n1"], (await Index.SearchAsync(new TextQuery("u1", "climbing"))).Select(h => h.Chunk.SourceId).Order());
        Assert.Equal(["n2"], (await Index.SearchAsync(new TextQuery("u2", "climbing"))).Select(h => h.Chunk.SourceId));
        Assert.Equal(["j1"], (await Index.SearchAsync(new TextQuery("u1", "climbing", Kinds: [SearchKinds.Journal]))).Select(h => h.Chunk.SourceId));
        Assert.Equal(["n1"], (await Index.SearchAsync(new TextQuery("u1", "climbing", From: T0.AddDays(1)))).Select(h => h.Chunk.SourceId));
        Assert.Equal(["j1"], (await Index.SearchAsync(new TextQuery("u1", "climbing", To: T0.AddDays(1)))).Select(h => h.Chunk.SourceId));
    }

    [Fact]
    public async Task Query_syntax_is_treated_as_words()
    {
        await Index.ReplaceSourcesAsync([Chunk("u1", "n1", 0, "Tea OR coffee? NEAR the \"station\" - café")]);
        Assert.Single(await Index.SearchAsync(new TextQuery("u1", "\"station\" AND (NEAR* OR -café")));
        Assert.Empty(await Index.SearchAsync(new TextQuery("u1", "!!! ***")));
    }

    [Fact]
    public async Task Replacing_a_source_drops_its_old_chunks_and_deleting_removes_them()
    {
        await Index.ReplaceSourcesAsync([Chunk("u1", "n1", 0, "first version alpha"), Chunk("u1", "n1", 1, "first version beta")]);
        await Index.ReplaceSourcesAsync([Chunk("u1", "n1", 0, "second version gamma")]);
        Assert.Empty(await Index.SearchAsync(new TextQuery("u1", "alpha beta")));
        var chunks = await Index.GetSourceAsync("u1", "n1");
        Assert.Equal("second version gamma", Assert.Single(chunks).Text);

        await Index.SetEmbeddingAsync("u1", [chunks[0].Id], "test-model");
        Assert.Equal("test-model", (await Index.GetChunksAsync("u1", [chunks[0].Id]))[0].Embedding);

        Assert.Equal(1, await Index.DeleteSourceAsync("u1", "n1"));
        Assert.Empty(await Index.SearchAsync(new TextQuery("u1", "gamma")));
        Assert.Empty(await Index.GetSourceAsync("u1", "n1"));
    }

    [Fact]
    public async Task Erasing_by_type_and_range_removes_only_the_selection()
    {
        await Index.ReplaceSourcesAsync([
            Chunk("u1", "j1", 0, "river walk", SearchKinds.Journal, day: 0),
            Chunk("u1", "n1", 0, "river notes", SearchKinds.Note, day: 0),
            Chunk("u1", "n2", 0, "river map", SearchKinds.Note, day: 9),
            Chunk("u2", "n3", 0, "river trip", SearchKinds.Note, day: 0),
        ]);
        var result = await Index.EraseAsync(new DataSelection("u1", To: T0.AddDays(1), Types: [SourceTypes.KnowledgeItem]));
        Assert.Equal(1, result.Removed);
        Assert.Equal(["j1", "n2"], (await Index.SearchAsync(new TextQuery("u1", "river"))).Select(h => h.Chunk.SourceId).Order());
        Assert.Equal(2, (await Index.EraseAsync(DataSelection.Account("u1"))).Removed);
        Assert.Empty(await Index.SearchAsync(new TextQuery("u1", "river")));
        Assert.Single(await Index.SearchAsync(new TextQuery("u2", "river")));
    }
}
