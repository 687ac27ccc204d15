using System.Security.Cryptography;
using LifeOS.Storage;

namespace LifeOS.Testing.Storage;

/// <summary>The contract every <see cref="IBlobStore"/> implementation must pass.</summary>
public abstract class BlobStoreContract
{
    protected abstract IBlobStore Blobs { get; }

    [Fact]
    public async Task Stored_bytes_read_back_under_their_sha256()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var reference = await Blobs.PutAsync(new MemoryStream(bytes), "audio/wav", 1_000_000);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), reference.Sha256);
        Assert.Equal(bytes.Length, reference.Size);
        Assert.Equal("audio/wav", reference.ContentType);
        await using var stream = await Blobs.OpenReadAsync(reference.Sha256);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task Content_over_the_limit_is_refused_and_leaves_nothing_behind()
    {
        var bytes = RandomNumberGenerator.GetBytes(2000);
        await Assert.ThrowsAsync<BlobTooLargeException>(() => Blobs.PutAsync(new MemoryStream(bytes), "image/png", 1000));
        Assert.Null(await Blobs.OpenReadAsync(Convert.ToHexStringLower(SHA256.HashData(bytes))));
    }

    [Fact]
    public async Task Unknown_or_malformed_hashes_are_not_found()
    {
        Assert.Null(await Blobs.OpenReadAsync(new string('c', 64)));
        Assert.Null(await Blobs.OpenReadAsync("../../etc/passwd"));
        Assert.Null(await Blobs.OpenReadAsync("ABC"));
    }

    [Fact]
    public async Task The_same_bytes_twice_are_one_blob()
    {
        var bytes = RandomNumberGenerator.GetBytes(1000);
        var first = await Blobs.PutAsync(new MemoryStream(bytes), "image/jpeg", 10_000);
        var second = await Blobs.PutAsync(new MemoryStream(bytes), "image/jpeg", 10_000);
        Assert.Equal(first, second);
        Assert.Equal(1, CountStoredCopies(first.Sha256));
    }

    /// <summary>How many copies of a blob the backing storage holds.</summary>
    protected abstract int CountStoredCopies(string sha256);
}
