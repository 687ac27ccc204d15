namespace LifeOS.State;

/// <summary>Limits of <see cref="ChunkAssembler"/>.</summary>
public sealed record ChunkAssemblyOptions
{
    /// <summary>How long an incomplete file waits for its next chunk before its chunks are dropped.</summary>
    public TimeSpan IncompleteTtl { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a completed file is remembered, so a redelivered chunk does not report it again.</summary>
    public TimeSpan CompletedTtl { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The most chunks one file may have.</summary>
    public int MaxChunkCount { get; init; } = 100_000;
}
