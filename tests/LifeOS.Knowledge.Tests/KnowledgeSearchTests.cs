using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LifeOS.Knowledge.Web;
using LifeOS.Testing.Servers;
using Microsoft.AspNetCore.Http;

namespace LifeOS.Knowledge.Tests;

/// <summary>Notes, journal entries, an HTML page and a PDF (served by a local HTTP server) found by /v1/search by their words,
/// with no model configured: lexical search only, embeddings recorded as skipped with the reason.</summary>
public sealed class KnowledgeSearchTests : IAsyncLifetime
{
    private const string Page = """
        <!doctype html><html><head><title>Fermentation field notes</title>
        <link rel="canonical" href="/articles/fermentation"></head>
        <body><nav>Home | About | zeppelin-in-the-menu</nav>
        <article><h1>Fermentation</h1><p>Kombucha needs a scoby and sweet tea.</p><p>Keep the jar at room temperature for ten days.</p></article>
        <footer>Copyright footer-only-word</footer><script>var hidden = "scriptword";</script></body></html>
        """;

    private KnowledgeServer _server = null!;
    private LocalWebServer _web = null!;

    public async ValueTask InitializeAsync()
    {
        _web = await LocalWebServer.StartAsync(new Dictionary<string, (string, byte[])>
        {
            ["/page.html"] = ("text/html; charset=utf-8", Encoding.UTF8.GetBytes(Page)),
            ["/report.pdf"] = ("application/pdf", MinimalPdf.Create("Quarterly glacier survey", "Meltwater volume rose in the northern basin")),
            // Served as octet-stream: the PDF signature, not the label, decides.
            ["/download"] = ("application/octet-stream", MinimalPdf.Create("Heliotrope gardening almanac")),
        });
        // The local server is on loopback, which the fetch policy refuses unless the operator names it.
        _server = new KnowledgeServer(new Dictionary<string, string?>
        {
            ["LifeOS:Knowledge:UrlFetch:AllowedPrivateHosts:0"] = _web.BaseAddress.Host,
            ["LifeOS:Knowledge:UrlFetch:AllowedPorts:0"] = _web.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _web.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Pdftotext_extracts_the_hand_written_pdf()
    {
        var (text, pages) = await PdfText.ExtractAsync(MinimalPdf.Create("Hello (brackets) world", "Second line"), CancellationToken.None);
        Assert.Equal(1, pages);
        Assert.Contains("Hello (brackets) world", text, StringComparison.Ordinal);
        Assert.Contains("Second line", text, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => PdfText.ExtractAsync(Encoding.ASCII.GetBytes("%PDF-1.4 broken"), CancellationToken.None));
    }

    [Fact]
    public void Html_main_text_title_and_canonical_url_are_extracted()
    {
        var page = HtmlExtractor.Extract(Page, new Uri("http://example.test/page.html?utm=1"));
        Assert.Equal("Fermentation field notes", page.Title);
        Assert.Equal("http://example.test/articles/fermentation", page.CanonicalUrl);
        Assert.Contains("Kombucha needs a scoby and sweet tea.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("zeppelin", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("footer-only-word", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("scriptword", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notes_journal_entries_pages_and_pdfs_are_found_by_their_words()
    {
        using var client = _server.Owner();
        await PostAsync(client, "/v1/knowledge", new { kind = "note", format = "markdown", text = "# Sourdough\nFeed the **starter** with rye flour every morning." });
        await PostAsync(client, "/v1/journal", new { text = "Baked sourdough bread with Mia, mood 8/10." });
        var link = await PostAsync(client, "/v1/knowledge", new { kind = "link", url = _web.At("/page.html").AbsoluteUri });
        var pdf = await PostAsync(client, "/v1/knowledge", new { kind = "pdf", url = _web.At("/report.pdf").AbsoluteUri });
        var download = await PostAsync(client, "/v1/knowledge", new { kind = "link", url = _web.At("/download").AbsoluteUri });
        Assert.Equal("task.url.ingest", link["topic"]!.GetValue<string>());
        await _server.WaitForPipelineAsync();

        var sourdough = await SearchAsync(client, "sourdough");
        Assert.Equal(["journal", "note"], sourdough["hits"]!.AsArray().Select(h => h!["kind"]!.GetValue<string>()).Order());
        Assert.StartsWith("skipped: ", sourdough["semantic"]!.GetValue<string>(), StringComparison.Ordinal);
        var note = sourdough["hits"]!.AsArray().Single(h => h!["kind"]!.GetValue<string>() == "note")!;
        Assert.Equal("Sourdough", note["title"]!.GetValue<string>());
        Assert.Equal(["lexical"], note["matchedBy"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains("sourdough", note["why"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("skipped: ", note["embedding"]!.GetValue<string>(), StringComparison.Ordinal);
        // Markdown is indexed as text: the emphasis marks are gone.
        Assert.Contains("[starter]", (await SearchAsync(client, "starter"))["hits"]![0]!["snippet"]!.GetValue<string>(), StringComparison.Ordinal);

        var kombucha = Assert.Single((await SearchAsync(client, "kombucha scoby"))["hits"]!.AsArray())!;
        Assert.Equal("link", kombucha["kind"]!.GetValue<string>());
        Assert.Equal(link["id"]!.GetValue<string>(), kombucha["sourceId"]!.GetValue<string>());
        Assert.Equal(_web.At("/articles/fermentation").AbsoluteUri, kombucha["origin"]!.GetValue<string>());
        Assert.Equal("Fermentation field notes", kombucha["title"]!.GetValue<string>());
        Assert.Equal(["kombucha", "scoby"], kombucha["matchedTerms"]!.AsArray().Select(t => t!.GetValue<string>()).Order());
        Assert.Empty((await SearchAsync(client, "zeppelin"))["hits"]!.AsArray());

        var glacier = Assert.Single((await SearchAsync(client, "meltwater glacier"))["hits"]!.AsArray())!;
        Assert.Equal("pdf", glacier["kind"]!.GetValue<string>());
        Assert.Equal(pdf["id"]!.GetValue<string>(), glacier["sourceId"]!.GetValue<string>());
        Assert.Equal("pdf", Assert.Single((await SearchAsync(client, "heliotrope"))["hits"]!.AsArray())!["kind"]!.GetValue<string>());

        var item = await KnowledgeServer.ReadJsonAsync(await client.GetAsync($"/v1/knowledge/{pdf["id"]!.GetValue<string>()}"));
        Assert.Equal("ok", item["status"]!.GetValue<string>());
        Assert.Equal("pdftotext", item["extractor"]!.GetValue<string>());
        Assert.Equal("Quarterly glacier survey", item["title"]!.GetValue<string>());
        var chunk = Assert.Single(item["chunkList"]!.AsArray())!;
        Assert.Equal(0, chunk["position"]!.GetValue<int>());
        Assert.Equal(4, (await KnowledgeServer.ReadJsonAsync(await client.GetAsync("/v1/knowledge")))["items"]!.AsArray().Count);
        Assert.Equal(download["id"]!.GetValue<string>(), (await SearchAsync(client, "almanac"))["hits"]![0]!["sourceId"]!.GetValue<string>());

        // Kinds and time filters narrow the search.
        Assert.Equal("note", Assert.Single((await SearchAsync(client, "sourdough", "&types=note"))["hits"]!.AsArray())!["kind"]!.GetValue<string>());
        Assert.Empty((await SearchAsync(client, "sourdough", "&to=2000-01-01T00:00:00Z"))["hits"]!.AsArray());
    }

    [Fact]
    public async Task A_page_that_breaks_off_or_stalls_mid_body_is_recorded_failed_and_the_step_goes_on()
    {
        // Headers arrive at once; then one answer drops the connection and the other never finishes.
        await using var flaky = await LocalWebServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html";
            context.Response.ContentLength = 100_000;
            await context.Response.WriteAsync("<html><body>the start of a page");
            await context.Response.Body.FlushAsync();
            if (context.Request.Path == "/breaks")
            {
                // Time for the client to read the headers, so the break lands in the body.
                await Task.Delay(300);
                context.Abort();
            }
            else
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        await using var server = new KnowledgeServer(new Dictionary<string, string?>
        {
            ["LifeOS:Knowledge:UrlFetch:AllowedPrivateHosts:0"] = flaky.BaseAddress.Host,
            ["LifeOS:Knowledge:UrlFetch:AllowedPorts:0"] = flaky.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LifeOS:Knowledge:UrlFetch:Timeout"] = "00:00:02",
        });
        using var client = server.Owner();
        var broken = await PostAsync(client, "/v1/knowledge", new { kind = "link", url = flaky.At("/breaks").AbsoluteUri });
        var stalled = await PostAsync(client, "/v1/knowledge", new { kind = "link", url = flaky.At("/stalls").AbsoluteUri });
        var note = await PostAsync(client, "/v1/knowledge", new { kind = "note", text = "Written after two bad links." });
        await server.WaitForPipelineAsync();

        // A break that still races the headers reads as "could not fetch"; either way the item records it and the step goes on.
        foreach (var (item, why) in new[] { (broken, new[] { "broke off", "could not fetch" }), (stalled, new[] { "time limit" }) })
        {
            var read = await KnowledgeServer.ReadJsonAsync(await client.GetAsync($"/v1/knowledge/{item["id"]!.GetValue<string>()}"));
            Assert.Equal("failed", read["status"]!.GetValue<string>());
            var reason = read["reason"]!.GetValue<string>();
            Assert.True(why.Any(w => reason.Contains(w, StringComparison.Ordinal)), reason);
        }

        var indexed = await KnowledgeServer.ReadJsonAsync(await client.GetAsync($"/v1/knowledge/{note["id"]!.GetValue<string>()}"));
        Assert.Equal("ok", indexed["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_link_that_cannot_be_fetched_is_recorded_failed_with_the_reason()
    {
        using var client = _server.Owner();
        var link = await PostAsync(client, "/v1/knowledge", new { kind = "link", url = _web.At("/missing").AbsoluteUri });
        await _server.WaitForPipelineAsync();
        var item = await KnowledgeServer.ReadJsonAsync(await client.GetAsync($"/v1/knowledge/{link["id"]!.GetValue<string>()}"));
        Assert.Equal("failed", item["status"]!.GetValue<string>());
        Assert.Contains("404", item["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_knowledge_item_removes_its_chunks_from_search()
    {
        using var client = _server.Owner();
        var note = await PostAsync(client, "/v1/knowledge", new { kind = "note", text = "Ideas for the tortoise enclosure." });
        await _server.WaitForPipelineAsync();
        Assert.Single((await SearchAsync(client, "tortoise"))["hits"]!.AsArray());
        using (var deleted = await client.DeleteAsync($"/v1/knowledge/{note["id"]!.GetValue<string>()}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty((await SearchAsync(client, "tortoise"))["hits"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/knowledge/{note["id"]!.GetValue<string>()}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"kind": "note"}""", "text")]
    [InlineData("""{"kind": "link"}""", "url")]
    [InlineData("""{"kind": "link", "url": "ftp://example.com/x"}""", "url")]
    [InlineData("""{"kind": "video", "text": "x"}""", "kind")]
    [InlineData("""{"kind": "image", "blob": {"sha256": "0000000000000000000000000000000000000000000000000000000000000000", "size": 1, "contentType": "image/png"}}""", "blob")]
    public async Task Bad_submissions_are_problems_naming_the_field(string body, string field)
    {
        using var client = _server.Owner();
        using var response = await client.PostAsync("/v1/knowledge", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await KnowledgeServer.ReadJsonAsync(response))["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("", "q")]
    [InlineData("?q=%21%21%21", "q")]
    [InlineData("?q=tea&types=video", "types")]
    [InlineData("?q=tea&limit=0", "limit")]
    [InlineData("?q=tea&from=yesterday", "from")]
    [InlineData("?q=tea&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    public async Task Bad_search_parameters_are_problems_naming_the_parameter(string query, string field)
    {
        using var client = _server.Owner();
        using var response = await client.GetAsync("/v1/search" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await KnowledgeServer.ReadJsonAsync(response))["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ask_says_no_chat_model_is_configured_instead_of_answering()
    {
        using var client = _server.Owner();
        using var response = await client.PostAsJsonAsync("/v1/ask", new { question = "What did I bake?" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await KnowledgeServer.ReadJsonAsync(response);
        Assert.Equal("skipped", answer["status"]!.GetValue<string>());
        Assert.Null(answer["answer"]);
        Assert.Contains("no chat model is configured", answer["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await KnowledgeServer.ReadJsonAsync(response);
    }

    private static async Task<JsonNode> SearchAsync(HttpClient client, string q, string extra = "")
    {
        using var response = await client.GetAsync($"/v1/search?q={Uri.EscapeDataString(q)}{extra}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await KnowledgeServer.ReadJsonAsync(response);
    }
}
