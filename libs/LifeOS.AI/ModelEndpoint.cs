using System.Data.Common;
using System.Globalization;

namespace LifeOS.AI;

/// <summary>Where an OpenAI-compatible model lives and how to call it: endpoint, key, model, timeout and retries.</summary>
/// <remarks>Written as a connection string, e.g.
/// <c>Endpoint=https://api.openai.com/v1;Key=sk-...;Model=gpt-4o-mini;Timeout=60;MaxRetries=3</c>.
/// The endpoint is the API base that <c>chat/completions</c> and <c>embeddings</c> are appended to; one with no path
/// (e.g. <c>http://localhost:11434</c> for Ollama) gets <c>/v1/</c>.</remarks>
public sealed record ModelEndpoint
{
    /// <summary>Default time one attempt may take, connection to last byte.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The API base, always ending in '/'.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>Bearer key; null for servers that need none (Ollama, a local llama.cpp).</summary>
    public string? ApiKey { get; init; }

    /// <summary>The model name the server knows (gpt-4o-mini, gemini-2.0-flash, llama3.1, ...).</summary>
    public required string Model { get; init; }

    /// <summary>Time one attempt may take; retries get a fresh allowance each.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Retries after the first attempt, for 408, 429, 5xx, connection failures and timeouts.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Longest wait between attempts; a server asking (Retry-After) for longer is not retried.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Output dimensions to ask an embedding model for (only models that support shortening honour it).</summary>
    public int? Dimensions { get; init; }

    /// <summary>Label for telemetry (gen_ai.provider.name): "openai", "gemini", "ollama", ...; guessed from the host when
    /// not given.</summary>
    public string Provider { get; init; } = "openai";

    /// <summary>Parses a connection string. Keys (case-insensitive): Endpoint, Key (or ApiKey), Model, Timeout (seconds),
    /// MaxRetries, MaxRetryDelay (seconds), Dimensions, Provider.</summary>
    /// <exception cref="FormatException">A key is unknown, a required key is missing, or a value does not parse.</exception>
    public static ModelEndpoint Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"Model connection string is malformed: {e.Message}", e);
        }
        var values = builder.Keys.Cast<string>().ToDictionary(key => key, key => Convert.ToString(builder[key], CultureInfo.InvariantCulture) ?? "", StringComparer.OrdinalIgnoreCase);
        return FromValues(values, "connection string");
    }

    /// <summary>Builds an endpoint from named settings (the same names as the connection string's keys).</summary>
    public static ModelEndpoint FromValues(IReadOnlyDictionary<string, string> values, string origin)
    {
        var known = new HashSet<string>(["Endpoint", "Key", "ApiKey", "Model", "Timeout", "MaxRetries", "MaxRetryDelay", "Dimensions", "Provider"], StringComparer.OrdinalIgnoreCase);
        foreach (var key in values.Keys.Where(key => !known.Contains(key)))
        {
            throw new FormatException($"Model {origin}: unknown key '{key}'; known keys are {string.Join(", ", known)}.");
        }
        string? Get(string key) => values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var endpointText = Get("Endpoint") ?? throw new FormatException($"Model {origin}: 'Endpoint' is required (e.g. Endpoint=https://api.openai.com/v1).");
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new FormatException($"Model {origin}: 'Endpoint' must be an absolute http(s) URL; got '{endpointText}'.");
        }
        var model = Get("Model") ?? throw new FormatException($"Model {origin}: 'Model' is required (e.g. Model=gpt-4o-mini).");

        var result = new ModelEndpoint
        {
            Endpoint = NormaliseBase(endpoint),
            ApiKey = Get("Key") ?? Get("ApiKey"),
            Model = model,
            Provider = Get("Provider") ?? GuessProvider(endpoint),
        };
        if (Get("Timeout") is { } timeout)
        {
            result = result with { Timeout = PositiveSeconds(timeout, "Timeout", origin) };
        }
        if (Get("MaxRetryDelay") is { } maxDelay)
        {
            result = result with { MaxRetryDelay = PositiveSeconds(maxDelay, "MaxRetryDelay", origin) };
        }
        if (Get("MaxRetries") is { } retries)
        {
            result = result with
            {
                MaxRetries = int.TryParse(retries, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= 10
                    ? count
                    : throw new FormatException($"Model {origin}: 'MaxRetries' must be a whole number from 0 to 10; got '{retries}'."),
            };
        }
        if (Get("Dimensions") is { } dimensions)
        {
            result = result with
            {
                Dimensions = int.TryParse(dimensions, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
                    ? size
                    : throw new FormatException($"Model {origin}: 'Dimensions' must be a positive whole number; got '{dimensions}'."),
            };
        }
        return result;
    }

    /// <summary>The endpoint without the key, for logs and error messages.</summary>
    public override string ToString() => $"{Model} at {Endpoint}";

    private static TimeSpan PositiveSeconds(string text, string key, string origin) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"Model {origin}: '{key}' must be a number of seconds above 0 and at most 3600; got '{text}'.");

    private static Uri NormaliseBase(Uri endpoint)
    {
        var builder = new UriBuilder(endpoint) { Query = "", Fragment = "" };
        if (builder.Path is "" or "/")
        {
            builder.Path = "/v1/";
        }
        else if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }
        return builder.Uri;
    }

    private static string GuessProvider(Uri endpoint) => endpoint.Host switch
    {
        var host when host.EndsWith("googleapis.com", StringComparison.OrdinalIgnoreCase) => "gemini",
        var host when host.EndsWith("openai.com", StringComparison.OrdinalIgnoreCase) => "openai",
        var host when host.EndsWith("openai.azure.com", StringComparison.OrdinalIgnoreCase) => "azure.ai.openai",
        _ when endpoint.Port == 11434 => "ollama",
        _ => "openai-compatible",
    };
}
