namespace LifeOS.Contracts;

/// <summary>Where a topic sits in the pipeline.</summary>
public enum TopicStage
{
    /// <summary>Written by ingestion from device or importer input.</summary>
    Raw,
    /// <summary>Written by a worker from other topics.</summary>
    Processed,
    /// <summary>Failed messages of another topic, after bounded retries.</summary>
    DeadLetter,
}

/// <summary>What the persistence worker makes of a topic's events in the store.</summary>
public enum StoreProjection
{
    /// <summary>Kept on the timeline only (typed events: app, notification, clipboard, ...).</summary>
    Event,
    /// <summary>A numeric sample (<c>{"value": number}</c>) that metrics aggregate.</summary>
    Sample,
    /// <summary>A GPS fix.</summary>
    Location,
    /// <summary>A three-axis motion reading.</summary>
    Motion,
    /// <summary>A reference to a blob (audio, image, video frame).</summary>
    Media,
}

/// <summary>Which envelope attribute keys a topic's messages, so order holds per key.</summary>
public enum TopicKey
{
    Device,
    /// <summary>The payload's <c>fileId</c> (audio chunks of one recording stay in order).</summary>
    FileId,
    /// <summary>The payload's <c>url</c>.</summary>
    Url,
    User,
}
