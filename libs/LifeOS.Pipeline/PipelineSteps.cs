using System.Text.Json;
using System.Text.Json.Nodes;
using LifeOS.Contracts;

namespace LifeOS.Pipeline;

/// <summary>Every pipeline step of the distributed deployment: its consumer group, what it reads and what it writes.</summary>
/// <remarks>
/// Like the topic catalogue, one list: consumer group names are spelled here and nowhere else, so two workers can never
/// share a group by accident (the persistence worker's group, <c>persistence</c>, lives with it). Each worker host picks
/// its steps from here and pairs each with a handler (a placeholder until its module is built).
/// </remarks>
public static class PipelineSteps
{
    /// <summary>Voice activity detection: raw audio chunks to the speech segments in them.</summary>
    public static readonly PipelineStep Vad = new("vad", "audio-vad", [TopicCatalogue.Audio], TopicCatalogue.AudioVadFiltered,
        source => DerivedEvents.CopyFields(source, "fileId", "blob"));

    /// <summary>Speech to text on the segments VAD kept.</summary>
    public static readonly PipelineStep SpeechToText = new("stt", "audio-stt", [TopicCatalogue.AudioVadFiltered], TopicCatalogue.TranscribedWords,
        source => DerivedEvents.CopyFields(source, "fileId"));

    /// <summary>Caption, objects and gaze for camera photos and screenshots.</summary>
    public static readonly PipelineStep ImageAnalysis = new("image-analysis", "vision-image", [TopicCatalogue.Camera], TopicCatalogue.ImageAnalysis,
        SourceBlob);

    /// <summary>Object detection, tracking and motion on screen-recording keyframes.</summary>
    public static readonly PipelineStep ScreenAnalysis = new("screen-analysis", "vision-screen", [TopicCatalogue.ScreenVideo], TopicCatalogue.VideoAnalysis,
        SourceBlob);

    /// <summary>Knowledge items: chunks and embeddings into the vector index (no output topic).</summary>
    public static readonly PipelineStep Knowledge = new("knowledge", "knowledge", [TopicCatalogue.KnowledgeItem], null,
        _ => []);

    /// <summary>Submitted URLs: archive the page, post or PDF (the real module picks the <c>task.url.processed.*</c> topic per URL).</summary>
    public static readonly PipelineStep Url = new("url", "url", [TopicCatalogue.UrlIngest], null,
        _ => []);

    /// <summary>Journal entries to facts with confidence and provenance.</summary>
    public static readonly PipelineStep Journal = new("journal", "journal", [TopicCatalogue.JournalEntry], TopicCatalogue.JournalParsed,
        source => new JsonObject { ["entryId"] = source.Id });

    /// <summary>Context (place, activity, food, people) inferred from sampled raw audio and images.</summary>
    public static readonly PipelineStep Context = new("context", "context", [TopicCatalogue.Audio, TopicCatalogue.Camera], TopicCatalogue.InferredContext,
        source => new JsonObject { ["sourceEventIds"] = new JsonArray(source.Id) });

    public static IReadOnlyList<PipelineStep> All { get; } =
        [Vad, SpeechToText, ImageAnalysis, ScreenAnalysis, Knowledge, Url, Journal, Context];

    // Derived image records name their input by the blob's content hash.
    private static JsonObject SourceBlob(LifeEvent source) =>
        source.Data.ValueKind == JsonValueKind.Object
        && source.Data.TryGetProperty("blob", out var blob)
        && blob.ValueKind == JsonValueKind.Object
        && blob.TryGetProperty("sha256", out var sha)
            ? new JsonObject { ["sourceSha256"] = sha.GetString() }
            : [];
}
