using LifeOS.Contracts.Payloads;
using LifeOS.State;

namespace LifeOS.Testing.State;

public abstract partial class StateStoreContract
{
    private static BlobReference AudioBlob(int index) => new(new string((char)('a' + index % 6), 64), 32_000 + index, "audio/wav");

    private static FileChunk Chunk(string fileId, int index, int count, string user = "u1") =>
        new(user, fileId, index, count, Blob: AudioBlob(index));

    [Fact]
    public async Task Chunks_arriving_out_of_order_complete_the_file_once_in_index_order()
    {
        var assembler = new ChunkAssembler(Store);
        int[] order = [3, 0, 4, 1];
        foreach (var index in order)
            Assert.Null(await assembler.AddAsync(Chunk("rec-1", index, 5)));

        var file = await new ChunkAssembler(Replica).AddAsync(Chunk("rec-1", 2, 5));

        Assert.NotNull(file);
        Assert.Equal(("u1", "rec-1"), (file.User, file.FileId));
        Assert.Equal([0, 1, 2, 3, 4], file.Chunks.Select(c => c.ChunkIndex));
        Assert.Equal(Enumerable.Range(0, 5).Select(AudioBlob), file.Chunks.Select(c => c.Blob));
        Assert.All(file.Chunks, c => Assert.Equal(5, c.ChunkCount));
    }

    [Fact]
    public async Task Redelivered_chunks_neither_complete_a_file_early_nor_report_it_twice()
    {
        var assembler = new ChunkAssembler(Store);

        Assert.Null(await assembler.AddAsync(Chunk("rec-2", 0, 3)));
        Assert.Null(await assembler.AddAsync(Chunk("rec-2", 0, 3)));
        Assert.Null(await assembler.AddAsync(Chunk("rec-2", 1, 3)));
        Assert.Null(await assembler.AddAsync(Chunk("rec-2", 1, 3)));
        Assert.NotNull(await assembler.AddAsync(Chunk("rec-2", 2, 3)));

        Assert.Null(await assembler.AddAsync(Chunk("rec-2", 2, 3)));
        Assert.Null(await assembler.AddAsync(Chunk("rec-2", 0, 3)));
        Assert.Null(await assembler.AddAsync(Chunk("rec-2", 1, 3)));
    }

    [Fact]
    public async Task Replicas_racing_over_duplicated_chunks_report_the_file_exactly_once()
    {
        const int Count = 10;
        var deliveries = Enumerable.Range(0, Count * 3).Select(i => i % Count).OrderBy(_ => Random.Shared.Next()).ToArray();

        var results = await RaceAsync(deliveries.Length, (store, i) => new ChunkAssembler(store).AddAsync(Chunk("rec-3", deliveries[i], Count)));

        var file = Assert.Single(results, r => r is not null);
        Assert.Equal(Enumerable.Range(0, Count), file!.Chunks.Select(c => c.ChunkIndex));
    }

    [Fact]
    public async Task Chunks_keep_their_inline_bytes_or_blob_reference()
    {
        var assembler = new ChunkAssembler(Store);
        byte[] inline = [1, 2, 3, 250];
        await assembler.AddAsync(new FileChunk("u1", "clip", 1, 2, Bytes: inline));

        var file = await assembler.AddAsync(new FileChunk("u1", "clip", 0, 2, Blob: AudioBlob(0)));

        Assert.NotNull(file);
        Assert.Equal(AudioBlob(0), file.Chunks[0].Blob);
        Assert.Null(file.Chunks[0].Bytes);
        Assert.Null(file.Chunks[1].Blob);
        Assert.Equal(inline, file.Chunks[1].Bytes);
    }

    [Fact]
    public async Task One_users_chunks_never_complete_another_users_file_of_the_same_id()
    {
        var assembler = new ChunkAssembler(Store);
        await assembler.AddAsync(Chunk("shared-name", 0, 2, user: "alice"));

        Assert.Null(await assembler.AddAsync(Chunk("shared-name", 1, 2, user: "bob")));
        Assert.NotNull(await assembler.AddAsync(Chunk("shared-name", 1, 2, user: "alice")));
    }

    [Fact]
    public async Task An_incomplete_file_is_dropped_when_no_chunk_arrives_for_its_time_to_live()
    {
        var assembler = new ChunkAssembler(Store, new ChunkAssemblyOptions { IncompleteTtl = Ttl });
        await assembler.AddAsync(Chunk("abandoned", 0, 2));

        await AdvanceAsync(Ttl * 1.5);

        Assert.Null(await assembler.AddAsync(Chunk("abandoned", 1, 2)));
        Assert.NotNull(await assembler.AddAsync(Chunk("abandoned", 0, 2)));
    }

    [Fact]
    public async Task Chunks_that_disagree_on_the_count_or_are_malformed_are_refused()
    {
        var assembler = new ChunkAssembler(Store);
        await assembler.AddAsync(Chunk("odd", 0, 3));
        await assembler.AddAsync(Chunk("odd", 1, 3));

        var disagreement = await Assert.ThrowsAsync<InvalidDataException>(() => assembler.AddAsync(Chunk("odd", 1, 2)));
        Assert.Contains("chunkCount", disagreement.Message, StringComparison.Ordinal);

        var outOfRange = await Assert.ThrowsAsync<ArgumentException>(() => assembler.AddAsync(Chunk("f", 3, 3)));
        Assert.Contains("chunkIndex", outOfRange.Message, StringComparison.Ordinal);
        var both = await Assert.ThrowsAsync<ArgumentException>(
            () => assembler.AddAsync(new FileChunk("u1", "f", 0, 1, AudioBlob(0), [1])));
        Assert.Contains("either a blob reference or bytes", both.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => assembler.AddAsync(Chunk(new string('x', 129), 0, 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => assembler.AddAsync(Chunk("f", 0, 0)));
    }
}
