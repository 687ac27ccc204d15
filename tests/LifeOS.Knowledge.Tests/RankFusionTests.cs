using LifeOS.Search;

namespace LifeOS.Knowledge.Tests;

/// <summary>Reciprocal rank fusion and citation parsing, no I/O.</summary>
public sealed class RankFusionTests
{
    [Fact]
    public void An_item_both_lists_rank_beats_items_only_one_list_ranks_first()
    {
        var fused = RankFusion.Fuse(["a", "b", "c"], ["x", "b", "y"]);
        Assert.Equal("b", fused[0].Id);
        Assert.Equal((1.0 / 62) + (1.0 / 62), fused[0].Score, 12);
        Assert.Equal(["b", "a", "x", "c", "y"], fused.Select(f => f.Id));
    }

    [Fact]
    public void One_list_alone_keeps_its_order()
    {
        Assert.Equal(["c", "a", "b"], RankFusion.Fuse(["c", "a", "b"], []).Select(f => f.Id));
        Assert.Empty(RankFusion.Fuse([], []));
    }

    [Fact]
    public void Citations_are_the_distinct_existing_passage_numbers_in_order()
    {
        Assert.Equal([2, 1, 3], Citations.In("As [2] says, and [1, 3] agree; [2] again, [9] and [0] do not exist.", 3));
        Assert.Empty(Citations.In("No citations here.", 3));
    }
}
