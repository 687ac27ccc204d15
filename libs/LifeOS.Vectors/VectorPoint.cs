namespace LifeOS.Vectors;

/// <summary>One embedded chunk: a caller-chosen id, its vector and what it was derived from.</summary>
/// <param name="Id">Stable id chosen by the caller (for example "knowledge:42#3"); upserting it again replaces the point.</param>
/// <param name="Vector">The embedding; any non-zero length-<see cref="IVectorIndex.Dimension"/> vector (it is normalised).</param>
public sealed record VectorPoint(string Id, ReadOnlyMemory<float> Vector, VectorPayload Payload);

/// <summary>What a vector stands for, used to filter searches and deletes and returned with every hit.</summary>
/// <param name="User">The owner; searches and filtered deletes are always scoped to one user.</param>
/// <param name="Type">What kind of item the chunk comes from (for example "knowledge", "journal", "transcript").</param>
/// <param name="Time">When the underlying item happened; kept to the microsecond.</param>
/// <param name="SourceId">The item the chunk was cut from, so deleting the item can delete all of its chunks.</param>
/// <param name="ChunkPosition">Position of the chunk within its source.</param>
/// <param name="Model">The embedding model (and version) that produced the vector.</param>
/// <param name="Text">An optional snippet of the chunk's text for display.</param>
public sealed record VectorPayload(
    string User,
    string Type,
    DateTimeOffset Time,
    string? SourceId = null,
    int ChunkPosition = 0,
    string? Model = null,
    string? Text = null);
