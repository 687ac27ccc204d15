namespace LifeOS.Vectors.Embedded.Persistence;

/// <summary>One entry of the collection's log, as replayed on open.</summary>
internal abstract record LogRecord;

/// <summary>A point was inserted or replaced; the vector is the float32 unit vector, whatever the in-memory layout.</summary>
internal sealed record UpsertRecord(string Id, float[] Unit, VectorPayload Payload) : LogRecord;

/// <summary>Points were deleted by id.</summary>
internal sealed record DeleteIdsRecord(IReadOnlyList<string> Ids) : LogRecord;

/// <summary>Points were deleted by filter; replaying the filter at the same place in the log deletes the same points.</summary>
internal sealed record DeleteFilterRecord(VectorFilter Filter) : LogRecord;
