using System.Text.Json;
using LifeOS.Identity;

namespace LifeOS.Ingestion;

/// <summary>Splits a request body into validated candidates and per-index rejections.</summary>
/// <remarks>
/// A JSON body must parse as a whole (it is one document); NDJSON is parsed line by line, so one broken line
/// is rejected by its index and costs none of its neighbours.
/// </remarks>
public static class EventBatchParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    /// <summary>The outcome of parsing: candidates plus rejections, or a whole-body error when nothing could be read.</summary>
    public sealed record ParsedBatch(List<IngestCandidate> Candidates, List<Rejection> Rejections, List<JsonDocument> Documents, string? BodyError)
        : IDisposable
    {
        public int Count => Candidates.Count + Rejections.Count;

        public void Dispose()
        {
            foreach (var document in Documents)
                document.Dispose();
        }
    }

    /// <summary>Parses a JSON body: an array of events, or a single event object.</summary>
    public static ParsedBatch ParseJson(ReadOnlyMemory<byte> body, Caller caller, int maxEvents)
    {
        var batch = new ParsedBatch([], [], [], null);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return batch with { BodyError = $"body: not valid JSON ({Describe(ex)})" };
        }

        batch.Documents.Add(document);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object)
        {
            Add(batch, root, 0, caller);
            return batch;
        }

        if (root.ValueKind != JsonValueKind.Array)
            return batch with { BodyError = "body: must be a JSON array of events or one event object" };

        if (root.GetArrayLength() > maxEvents)
            return batch with { BodyError = $"body: at most {maxEvents} events per request; split the batch" };

        var index = 0;
        foreach (var element in root.EnumerateArray())
            Add(batch, element, index++, caller);
        return batch;
    }

    /// <summary>Parses NDJSON: one event per non-empty line; a line that is not JSON is rejected by its index.</summary>
    public static ParsedBatch ParseNdjson(ReadOnlyMemory<byte> body, Caller caller, int maxEvents)
    {
        var batch = new ParsedBatch([], [], [], null);
        var rest = body;
        var index = 0;
        while (!rest.IsEmpty)
        {
            var newline = rest.Span.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? ReadOnlyMemory<byte>.Empty : rest[(newline + 1)..];
            if (IsBlank(line.Span))
                continue;

            if (index >= maxEvents)
                return batch with { BodyError = $"body: at most {maxEvents} events per request; split the batch" };

            try
            {
                var document = JsonDocument.Parse(line, DocumentOptions);
                batch.Documents.Add(document);
                Add(batch, document.RootElement, index, caller);
            }
            catch (JsonException ex)
            {
                batch.Rejections.Add(new Rejection(index, $"event: not valid JSON ({Describe(ex)})"));
            }

            index++;
        }

        return batch;
    }

    private static void Add(ParsedBatch batch, JsonElement element, int index, Caller caller)
    {
        IngestCandidate? candidate;
        string? error;
        try
        {
            candidate = EventValidator.Validate(element, index, caller, out error);
        }
        catch (InvalidOperationException)
        {
            // Reading a string that holds invalid UTF-8 or half a surrogate pair throws; the syntax itself was fine.
            candidate = null;
            error = "event: strings must be valid UTF-8 (no lone surrogate escapes)";
        }

        if (candidate is null)
            batch.Rejections.Add(new Rejection(index, error!));
        else
            batch.Candidates.Add(candidate);
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                return false;
        }

        return true;
    }

    // The parser's own message can quote input; keep only its position so nothing of the body is echoed.
    private static string Describe(JsonException ex) =>
        ex.LineNumber is { } line ? $"line {line + 1}, byte {ex.BytePositionInLine + 1}" : "unexpected end or invalid UTF-8";

    public static bool IsNdjson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/x-ndjson", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/jsonl", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/ndjson", StringComparison.OrdinalIgnoreCase));

    public static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/cloudevents-batch+json", StringComparison.OrdinalIgnoreCase));
}
