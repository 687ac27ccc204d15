using System.Text.Json.Nodes;
using LifeOS.AI;
using LifeOS.Contracts;
using LifeOS.Contracts.Payloads;
using LifeOS.Pipeline;
using LifeOS.Search;
using LifeOS.Storage;
using Markdig;
using Microsoft.Extensions.AI;

namespace LifeOS.Knowledge.Items;

/// <summary>The knowledge step: items on <c>knowledge.item.ingest</c> become chunks in the search indexes. Notes are read as
/// Markdown or plain text; images get a caption from a vision-capable chat model when one is configured, otherwise they are
/// recorded <c>skipped</c> with the reason.</summary>
public sealed class KnowledgeIndexer(ItemIndexing indexing, KnowledgeStore store, IBlobStore blobs, ModelRegistry models) : IStepHandler
{
    public const string MarkdownExtractor = "markdig/1.6.0";
    public const string PlainExtractor = "plain";

    public async ValueTask<StepResult> HandleAsync(LifeEvent source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (await store.IsDeletedAsync(source.User, source.Id, cancellationToken).ConfigureAwait(false))
            return StepResult.Skipped("the item was deleted");
        var item = PayloadJson.Deserialize<KnowledgeItemSubmitted>(source.Data)!;
        switch (item.Kind)
        {
            case "note" when !string.IsNullOrWhiteSpace(item.Text):
                var markdown = item.Format == "markdown";
                var text = markdown ? Markdown.ToPlainText(item.Text) : item.Text;
                var title = item.Title ?? (markdown ? FirstHeading(item.Text) : null);
                var record = await indexing.IndexAsync(source, SearchKinds.Note, text, new ItemDetails(markdown ? MarkdownExtractor : PlainExtractor, title),
                    cancellationToken).ConfigureAwait(false);
                return Ok(record);
            case "image" when item.Blob is not null:
                return await CaptionAsync(source, item, cancellationToken).ConfigureAwait(false);
            default:
                var reason = item.Kind switch
                {
                    "note" => "text: a note needs text",
                    "image" => "blob: an image needs the blob of an uploaded image",
                    _ => $"kind: {item.Kind} items arrive as URLs on task.url.ingest; this one has nothing to index",
                };
                await indexing.RecordAsync(source, item.Kind, ProcessingStatus.Failed, reason, new ItemDetails(PlainExtractor, item.Title), cancellationToken)
                    .ConfigureAwait(false);
                return StepResult.Failed(reason);
        }
    }

    private async Task<StepResult> CaptionAsync(LifeEvent source, KnowledgeItemSubmitted item, CancellationToken cancellationToken)
    {
        var chat = models.Chat;
        var details = new ItemDetails(chat.Description, item.Title, ContentType: item.Blob!.ContentType);
        // The OpenAI-compatible client sends message text only: asking it about an image would make a caption up.
        if (!chat.TryGet(out var client) || client is AI.OpenAICompatible.OpenAICompatibleChatClient)
        {
            var why = "no vision model is configured: " + (client is null ? chat.Description : chat.Description + " sends text only");
            await indexing.RecordAsync(source, SearchKinds.Caption, ProcessingStatus.Skipped, why, details, cancellationToken).ConfigureAwait(false);
            return StepResult.Skipped(why);
        }

        await using var stream = await blobs.OpenReadAsync(item.Blob.Sha256, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            const string missing = "blob: the image is not in the blob store";
            await indexing.RecordAsync(source, SearchKinds.Caption, ProcessingStatus.Failed, missing, details, cancellationToken).ConfigureAwait(false);
            return StepResult.Failed(missing);
        }

        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
        List<ChatMessage> messages =
        [
            new(ChatRole.User, [new TextContent("Describe this image in two or three factual sentences for search."), new DataContent(bytes.ToArray(), item.Blob.ContentType)]),
        ];
        var response = await client.GetResponseAsync(messages, new ChatOptions { Temperature = 0 }, cancellationToken).ConfigureAwait(false);
        var record = await indexing.IndexAsync(source, SearchKinds.Caption, response.Text, details with { Extractor = response.ModelId ?? chat.Description },
            cancellationToken).ConfigureAwait(false);
        return Ok(record);
    }

    private static StepResult Ok(KnowledgeRecord record) =>
        StepResult.Ok(new JsonObject { ["chunks"] = record.Chunks, ["embedding"] = record.Embedding, ["extractor"] = record.Extractor });

    private static string? FirstHeading(string markdown) =>
        markdown.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith('#'))?.TrimStart('#').Trim() is { Length: > 0 } heading ? heading : null;
}
