using System.Net.Http.Headers;

namespace LifeOS.Knowledge.Web;

/// <summary>Downloads a submitted URL with a size cap and a timeout; what came back and what it is.</summary>
public sealed class UrlFetcher(HttpClient http)
{
    public const long MaxBytes = 50L * 1024 * 1024;

    public async Task<FetchedUrl> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"url: only http and https can be fetched, not {url.Scheme}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("LifeOS", "1.0"));
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.5");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"url: the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
        if (response.Content.Headers.ContentLength > MaxBytes)
            throw new InvalidOperationException($"url: the document is larger than {MaxBytes} bytes");

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
                throw new InvalidOperationException($"url: the document is larger than {MaxBytes} bytes");
            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        // Servers often label PDFs as octet-stream; the file's own signature decides.
        var isPdf = mediaType == "application/pdf" || bytes.AsSpan().StartsWith("%PDF-"u8);
        return new FetchedUrl(response.RequestMessage?.RequestUri ?? url, isPdf ? "application/pdf" : mediaType ?? "application/octet-stream", bytes,
            response.Content.Headers.ContentType?.CharSet);
    }
}

/// <summary>A downloaded document: where it ended up after redirects, its media type and bytes.</summary>
public sealed record FetchedUrl(Uri Address, string MediaType, byte[] Bytes, string? Charset)
{
    public bool IsPdf => MediaType == "application/pdf";

    public bool IsHtml => MediaType is "text/html" or "application/xhtml+xml";

    public string Text => (Charset is null ? System.Text.Encoding.UTF8 : TryEncoding(Charset)).GetString(Bytes);

    private static System.Text.Encoding TryEncoding(string charset)
    {
        try
        {
            return System.Text.Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            return System.Text.Encoding.UTF8;
        }
    }
}
