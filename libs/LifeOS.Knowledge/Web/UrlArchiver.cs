using System.Text.Json;
using System.Text.Json.Nodes;
using LifeOS.Contracts;
using LifeOS.Contracts.Payloads;
using LifeOS.Eventing;
using LifeOS.Knowledge.Items;
using LifeOS.Pipeline;
using LifeOS.Search;

namespace LifeOS.Knowledge.Web;

/// <summary>The URL step: a URL on <c>task.url.ingest</c> is fetched; an HTML page's main text (AngleSharp) or a PDF's text
/// (pdftotext) is indexed as a link or PDF item, and a PDF's extraction is also published on <c>task.url.processed.pdf_extracted</c>.</summary>
public sealed class UrlArchiver(UrlFetcher fetcher, ItemIndexing indexing, KnowledgeStore store, IEventLog log) : IStepHandler
{
    public async ValueTask<StepResult> HandleAsync(LifeEvent source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (await store.IsDeletedAsync(source.User, source.Id, cancellationToken).ConfigureAwait(false))
            return StepResult.Skipped("the item was deleted");
        var submitted = PayloadJson.Deserialize<UrlSubmitted>(source.Data)!;
        var url = new Uri(submitted.Url);
        var kind = submitted.Kind == "pdf" ? SearchKinds.Pdf : SearchKinds.Link;
        FetchedUrl fetched;
        try
        {
            fetched = await fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or UrlRefusedException)
        {
            // The policy's refusal, the page's fault or the network's, recorded on the item rather than retried forever.
            var reason = (e is UrlRefusedException ? "fetch refused: " : "fetch failed: ") + e.Message;
            await indexing.RecordAsync(source, kind, ProcessingStatus.Failed, reason, new ItemDetails("http", submitted.Title, submitted.Url), cancellationToken)
                .ConfigureAwait(false);
            return StepResult.Failed(reason);
        }

        if (fetched.IsPdf)
            return await PdfAsync(source, submitted, fetched, cancellationToken).ConfigureAwait(false);
        if (!fetched.IsHtml && !fetched.MediaType.StartsWith("text/", StringComparison.Ordinal))
        {
            var reason = $"content: {fetched.MediaType} is neither HTML, text nor PDF";
            await indexing.RecordAsync(source, kind, ProcessingStatus.Skipped, reason,
                new ItemDetails("http", submitted.Title, submitted.Url, ContentType: fetched.MediaType), cancellationToken).ConfigureAwait(false);
            return StepResult.Skipped(reason);
        }

        var page = fetched.IsHtml ? HtmlExtractor.Extract(fetched.Text, fetched.Address) : new ExtractedPage(null, fetched.Address.AbsoluteUri, fetched.Text);
        var record = await indexing.IndexAsync(source, SearchKinds.Link, page.Text,
            new ItemDetails(fetched.IsHtml ? HtmlExtractor.Name : "text", submitted.Title ?? page.Title, submitted.Url, page.CanonicalUrl, fetched.MediaType),
            cancellationToken).ConfigureAwait(false);
        return StepResult.Ok(new JsonObject { ["chunks"] = record.Chunks, ["canonicalUrl"] = page.CanonicalUrl });
    }

    private async Task<StepResult> PdfAsync(LifeEvent source, UrlSubmitted submitted, FetchedUrl fetched, CancellationToken cancellationToken)
    {
        var details = new ItemDetails(PdfText.Name, submitted.Title, submitted.Url, fetched.Address.AbsoluteUri, fetched.MediaType);
        string text;
        int pages;
        try
        {
            (text, pages) = await PdfText.ExtractAsync(fetched.Bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            await indexing.RecordAsync(source, SearchKinds.Pdf, ProcessingStatus.Failed, e.Message, details, cancellationToken).ConfigureAwait(false);
            await PublishAsync(source, new PdfExtracted(submitted.Url, submitted.Title, Status: ProcessingStatus.Failed, Reason: e.Message), cancellationToken)
                .ConfigureAwait(false);
            return StepResult.Failed(e.Message);
        }

        var title = submitted.Title ?? text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var record = await indexing.IndexAsync(source, SearchKinds.Pdf, text, details with { Title = title }, cancellationToken).ConfigureAwait(false);
        await PublishAsync(source, new PdfExtracted(submitted.Url, title, text.Length > 1_000_000 ? text[..1_000_000] : text, pages, Model: PdfText.Name),
            cancellationToken).ConfigureAwait(false);
        return StepResult.Ok(new JsonObject { ["chunks"] = record.Chunks, ["pages"] = pages });
    }

    // The catalogue's processed topic for PDFs; the id is fixed by the input, so a replay writes the same record again.
    private Task PublishAsync(LifeEvent source, PdfExtracted extracted, CancellationToken cancellationToken)
    {
        var derived = new LifeEvent
        {
            Id = $"{source.Id}:pdf",
            Type = TopicCatalogue.UrlPdfExtracted.Name,
            Source = $"/pipeline/{PipelineSteps.Url.Group}",
            Time = source.Time,
            Subject = source.Id,
            Device = source.Device,
            Seq = source.Seq,
            User = source.User,
            Data = JsonSerializer.SerializeToElement(extracted, PayloadJson.Options),
        };
        return log.AppendAsync([CloudEventCodec.Encode(derived, TopicCatalogue.UrlPdfExtracted)], cancellationToken);
    }
}
