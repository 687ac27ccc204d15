using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace LifeOS.Vectors.Qdrant;

/// <summary><see cref="IVectorIndex"/> on a Qdrant collection, spoken to over Qdrant's REST API.</summary>
/// <remarks>
/// Writes pass <c>wait=true</c>, so a completed upsert or delete is applied and visible to the next search, as the
/// embedded index promises. String ids become UUIDs (<see cref="QdrantPointIds"/>); the original id is in the payload.
/// </remarks>
public sealed class QdrantVectorIndex : IVectorIndex
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly HttpClient _http;
    private readonly QdrantVectorIndexOptions _options;
    private readonly string _collectionPath;

    public QdrantVectorIndex(HttpClient http, QdrantVectorIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        _collectionPath = "collections/" + Uri.EscapeDataString(options.Collection);
    }

    public string Collection => _options.Collection;

    public int Dimension => _options.Dimension;

    public async Task EnsureCollectionAsync(CancellationToken cancellationToken = default)
    {
        if (!await CheckExistingAsync(cancellationToken).ConfigureAwait(false))
        {
            using var created = await SendAsync(HttpMethod.Put, _collectionPath, QdrantRequests.CreateCollection(Dimension), cancellationToken, allowConflict: true)
                .ConfigureAwait(false);
            // A refusal usually means someone else created it between our look and our create: check theirs matches.
            if (!created.IsSuccessStatusCode && !await CheckExistingAsync(cancellationToken).ConfigureAwait(false))
            {
                var text = await created.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new QdrantException(
                    created.StatusCode, $"Qdrant refused to create the collection '{Collection}': {QdrantResponses.ErrorMessage(text)}");
            }
        }

        foreach (var (field, schema) in QdrantPayload.Indexed)
        {
            using var _ = await SendAsync(
                HttpMethod.Put, $"{_collectionPath}/index?wait=true", QdrantRequests.CreatePayloadIndex(field, schema), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task UpsertAsync(IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken = default)
    {
        var unique = VectorValidation.LastPerId(points);
        var units = unique.Select(p => VectorValidation.Validate(p, Dimension)).ToArray();
        for (var start = 0; start < unique.Count; start += _options.UpsertBatchSize)
        {
            var count = Math.Min(_options.UpsertBatchSize, unique.Count - start);
            var body = QdrantRequests.Upsert(unique.Skip(start).Take(count).ToList(), units.AsSpan(start, count).ToArray());
            using var _ = await SendAsync(HttpMethod.Put, $"{_collectionPath}/points?wait=true", body, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var present = ids.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
        if (present.Count == 0)
            return;
        using var _ = await SendAsync(HttpMethod.Post, $"{_collectionPath}/points/delete?wait=true", QdrantRequests.DeleteIds(present), cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task DeleteAsync(VectorFilter filter, CancellationToken cancellationToken = default)
    {
        VectorValidation.Validate(filter);
        using var _ = await SendAsync(HttpMethod.Post, $"{_collectionPath}/points/delete?wait=true", QdrantRequests.DeleteFilter(filter), cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<VectorHit>> SearchAsync(VectorQuery query, CancellationToken cancellationToken = default)
    {
        var unit = VectorValidation.Validate(query, Dimension);
        using var response = await SendAsync(
            HttpMethod.Post, $"{_collectionPath}/points/query", QdrantRequests.Query(unit, query.Filter, query.Limit), cancellationToken).ConfigureAwait(false);
        using var document = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return QdrantResponses.Hits(document.RootElement);
    }

    public async Task<long> CountAsync(VectorFilter filter, CancellationToken cancellationToken = default)
    {
        VectorValidation.Validate(filter);
        using var response = await SendAsync(HttpMethod.Post, $"{_collectionPath}/points/count", QdrantRequests.Count(filter), cancellationToken)
            .ConfigureAwait(false);
        using var document = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return QdrantResponses.Count(document.RootElement);
    }

    /// <summary>Deletes the whole collection (tests and re-embedding); a missing collection is not an error.</summary>
    public async Task DropCollectionAsync(CancellationToken cancellationToken = default)
    {
        using var _ = await SendAsync(HttpMethod.Delete, _collectionPath, null, cancellationToken, allowNotFound: true).ConfigureAwait(false);
    }

    /// <summary>True when the collection exists with this index's dimension and cosine distance; throws when it exists otherwise.</summary>
    private async Task<bool> CheckExistingAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, _collectionPath, null, cancellationToken, allowNotFound: true).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return false;

        using var document = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        var (size, distance) = QdrantResponses.VectorParameters(document.RootElement);
        if (size != Dimension || !string.Equals(distance, "Cosine", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"the Qdrant collection '{Collection}' holds {size}-dimension vectors compared by {distance}; this index is configured for " +
                $"{Dimension} dimensions and Cosine. Use another collection name or re-embed into a new collection.");
        }

        return true;
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken, bool allowNotFound = false, bool allowConflict = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(_options.Endpoint, path));
        if (_options.ApiKey is not null)
            request.Headers.Add("api-key", _options.ApiKey);
        if (body is not null)
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonType } };

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            var hint = _options.Endpoint.Port == QdrantConnectionString.GrpcPort
                ? $" Port {QdrantConnectionString.GrpcPort} is Qdrant's gRPC port; this client speaks REST (6333 by default), which Aspire passes as ConnectionStrings__<name>_http."
                : string.Empty;
            throw new QdrantException($"Qdrant at {_options.Endpoint} could not be reached for {method} /{path}: {e.Message}.{hint}", e);
        }

        if (response.IsSuccessStatusCode ||
            (allowNotFound && response.StatusCode == HttpStatusCode.NotFound) ||
            (allowConflict && response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest))
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new QdrantException(response.StatusCode, $"Qdrant answered {(int)response.StatusCode} to {method} /{path}: {QdrantResponses.ErrorMessage(text)}");
        }
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new QdrantException($"Qdrant answered {(int)response.StatusCode} with a body that is not JSON", e);
            }
        }
    }
}
