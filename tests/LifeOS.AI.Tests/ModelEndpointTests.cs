namespace LifeOS.AI.Tests;

public sealed class ModelEndpointTests
{
    [Fact]
    public void Parses_every_key_of_a_connection_string()
    {
        var endpoint = ModelEndpoint.Parse("Endpoint=https://api.openai.com/v1;Key=sk-secret;Model=gpt-4o-mini;Timeout=12.5;MaxRetries=5;MaxRetryDelay=20;Dimensions=256;Provider=openai");

        Assert.Equal(new Uri("https://api.openai.com/v1/"), endpoint.Endpoint);
        Assert.Equal("sk-secret", endpoint.ApiKey);
        Assert.Equal("gpt-4o-mini", endpoint.Model);
        Assert.Equal(TimeSpan.FromSeconds(12.5), endpoint.Timeout);
        Assert.Equal(5, endpoint.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(20), endpoint.MaxRetryDelay);
        Assert.Equal(256, endpoint.Dimensions);
    }

    [Fact]
    public void A_key_is_optional_and_defaults_apply()
    {
        var endpoint = ModelEndpoint.Parse("endpoint=http://localhost:11434;model=llama3.1");

        Assert.Null(endpoint.ApiKey);
        Assert.Equal(ModelEndpoint.DefaultTimeout, endpoint.Timeout);
        Assert.Equal(3, endpoint.MaxRetries);
        // A bare host gets /v1/, and Ollama's port names the provider.
        Assert.Equal(new Uri("http://localhost:11434/v1/"), endpoint.Endpoint);
        Assert.Equal("ollama", endpoint.Provider);
    }

    [Theory]
    [InlineData("https://generativelanguage.googleapis.com/v1beta/openai", "https://generativelanguage.googleapis.com/v1beta/openai/", "gemini")]
    [InlineData("http://gpu-box:8000/v1", "http://gpu-box:8000/v1/", "openai-compatible")]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1/", "openai-compatible")]
    public void Keeps_an_api_base_path_and_ends_it_with_a_slash(string given, string expected, string provider)
    {
        var endpoint = ModelEndpoint.Parse($"Endpoint={given};Model=m");

        Assert.Equal(new Uri(expected), endpoint.Endpoint);
        Assert.Equal(provider, endpoint.Provider);
    }

    [Theory]
    [InlineData("Model=m", "'Endpoint' is required")]
    [InlineData("Endpoint=https://x/v1", "'Model' is required")]
    [InlineData("Endpoint=ftp://x/v1;Model=m", "absolute http(s) URL")]
    [InlineData("Endpoint=https://x/v1;Model=m;Timout=5", "unknown key 'timout'")]
    [InlineData("Endpoint=https://x/v1;Model=m;Timeout=soon", "'Timeout' must be a number of seconds")]
    [InlineData("Endpoint=https://x/v1;Model=m;Timeout=0", "'Timeout' must be a number of seconds")]
    [InlineData("Endpoint=https://x/v1;Model=m;MaxRetries=-1", "'MaxRetries' must be a whole number")]
    [InlineData("Endpoint=https://x/v1;Model=m;Dimensions=0", "'Dimensions' must be a positive")]
    [InlineData("Endpoint=\"https://x/v1;Model=m", "malformed")]
    public void Bad_settings_are_refused_with_the_key_named(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ModelEndpoint.Parse(connectionString));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_text_never_shows_the_key()
    {
        var endpoint = ModelEndpoint.Parse("Endpoint=https://api.openai.com/v1;Key=sk-secret;Model=gpt-4o-mini");
        Assert.DoesNotContain("sk-secret", endpoint.ToString(), StringComparison.Ordinal);
    }
}
