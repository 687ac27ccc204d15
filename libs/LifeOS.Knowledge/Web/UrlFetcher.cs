using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LifeOS.Knowledge.Web;

/// <summary>Downloads a submitted URL under the fetch policy (<see cref="UrlFetchOptions"/>: public addresses only, allowed
/// ports, a size cap and a timeout); what came back and what it is. Failures name the policy or say that the fetch
/// failed, never why a connection did not open, so the step cannot be used to map what listens where.</summary>
public sealed class UrlFetcher(IHttpClientFactory clients, IOptions<UrlFetchOptions> options)
{
    /// <summary>The named client whose primary handler connects through <see cref="GuardedConnector"/>.</summary>
    public const string ClientName = "lifeos-url-fetch";

    /// <summary>Registers the fetcher, its options and its guarded HTTP client.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddOptions<UrlFetchOptions>().BindConfiguration(UrlFetchOptions.Section);
        services.AddHttpClient(ClientName)
            // The host-wide defaults are for calling our own services: service discovery would map a submitted name onto
            // an internal service, and retries with backoff per host would make every dead link cost seconds. A link is
            // fetched once, as given.
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Clear())
            .ConfigurePrimaryHttpMessageHandler(sp =>
        {
            var policy = sp.GetRequiredService<IOptions<UrlFetchOptions>>().Value;
            return new SocketsHttpHandler
            {
                ConnectCallback = new GuardedConnector(policy).ConnectAsync,
                // A proxy would be the address connected to, and the policy would check the proxy instead of the page.
                UseProxy = false,
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = Math.Max(1, policy.MaxRedirects),
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            };
        });
        services.AddSingleton<UrlFetcher>();
    }

    public async Task<FetchedUrl> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"url: only http and https can be fetched, not {url.Scheme}");
        var policy = options.Value;
        // One limit from connect to last byte: HttpClient.Timeout would stop at the headers of a streamed answer.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(policy.Timeout);
        try
        {
            return await DownloadAsync(url, policy.MaxBytes, limit.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            // The handler wraps what the connector threw and appends host, port and socket error; only the policy's own
            // words are passed on.
            for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            {
                if (inner is UrlRefusedException refused)
                    throw new UrlRefusedException("url: " + refused.Message, e);
            }

            throw new InvalidOperationException($"url: could not fetch from {url.Host}", e);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"url: the connection to {url.Host} broke off", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"url: {url.Host} did not deliver within the fetch time limit", e);
        }
    }

    private async Task<FetchedUrl> DownloadAsync(Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(ClientName);
        http.Timeout = Timeout.InfiniteTimeSpan;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("LifeOS", "1.0"));
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.5");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"url: the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
        if (response.Content.Headers.ContentLength > maxBytes)
            throw new InvalidOperationException($"url: the document is larger than {maxBytes} bytes");

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw new InvalidOperationException($"url: the document is larger than {maxBytes} bytes");
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
