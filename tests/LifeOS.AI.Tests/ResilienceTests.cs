using System.Net;
using LifeOS.AI.OpenAICompatible;
using Microsoft.Extensions.AI;

namespace LifeOS.AI.Tests;

/// <summary>Retries, Retry-After, timeouts and error answers, with faults scripted on the wire server.</summary>
public sealed class ResilienceTests : ServerTest
{
    [Fact]
    public async Task A_server_error_is_retried_until_it_answers()
    {
        Server.Enqueue(Fault.WithStatus(503));
        Server.Enqueue(Fault.WithStatus(500));
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint());

        var response = await client.GetResponseAsync("again", cancellationToken: Ct);

        Assert.Equal("You said: again", response.Text);
        Assert.Equal(3, Server.Requests.Count);
    }

    [Fact]
    public async Task Too_many_requests_waits_as_long_as_retry_after_says()
    {
        Server.Enqueue(Fault.WithStatus(429, retryAfter: "1"));
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint());

        await client.GetResponseAsync("patience", cancellationToken: Ct);

        var requests = Server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        // Backoff without the header would retry after about half a second.
        var gap = requests[1].ArrivedAt - requests[0].ArrivedAt;
        Assert.True(gap >= TimeSpan.FromSeconds(0.95), $"retried after {gap.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_limit_is_passed_on_not_waited_out()
    {
        Server.Enqueue(Fault.WithStatus(429, retryAfter: "3600", message: "Rate limit reached for requests"));
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint());

        var error = await Assert.ThrowsAsync<ModelApiException>(() => client.GetResponseAsync("now", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Contains("Rate limit reached for requests", error.Message, StringComparison.Ordinal);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task Retries_stop_after_max_retries_with_the_last_error()
    {
        for (var i = 0; i < 3; i++)
        {
            Server.Enqueue(Fault.WithStatus(502, message: $"bad gateway {i}"));
        }
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint(maxRetries: 2));

        var error = await Assert.ThrowsAsync<ModelApiException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Contains("bad gateway 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, Server.Requests.Count);
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_carries_the_servers_message()
    {
        Server.Enqueue(Fault.WithStatus(400, message: "This model's maximum context length is 8192 tokens."));
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint());

        var error = await Assert.ThrowsAsync<ModelApiException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("maximum context length is 8192 tokens", error.Message, StringComparison.Ordinal);
        Assert.Contains("test-model", error.Message, StringComparison.Ordinal);
        Assert.Equal("server_error", error.ErrorCode);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task A_wrong_key_is_an_unauthorized_error()
    {
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint() with { ApiKey = "wrong" });

        var error = await Assert.ThrowsAsync<ModelApiException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("Incorrect API key", error.Message, StringComparison.Ordinal);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task An_attempt_that_takes_too_long_is_abandoned_and_retried()
    {
        Server.Enqueue(Fault.Slow(TimeSpan.FromSeconds(30)));
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint(timeoutSeconds: 2));

        var response = await client.GetResponseAsync("quick", cancellationToken: Ct);

        Assert.Equal("You said: quick", response.Text);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task When_every_attempt_times_out_the_error_says_so()
    {
        for (var i = 0; i < 2; i++)
        {
            Server.Enqueue(Fault.Slow(TimeSpan.FromSeconds(30)));
        }
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint(maxRetries: 1, timeoutSeconds: 0.3));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.GetResponseAsync("slow", cancellationToken: Ct));

        Assert.Contains("did not answer chat/completions within 0.3 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_retried()
    {
        Server.Enqueue(Fault.Slow(TimeSpan.FromSeconds(30)));
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint());
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("stop", cancellationToken: cancellation.Token));

        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task An_answer_that_is_not_the_wire_format_is_a_clear_error()
    {
        Server.Enqueue(Fault.Malformed());
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint());

        var error = await Assert.ThrowsAsync<ModelApiException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.Contains("not the OpenAI wire format", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_endpoint_fails_after_its_retries()
    {
        // A port nothing listens on: the connection is refused at once, every attempt.
        var endpoint = Server.ClientEndpoint(maxRetries: 1) with { Endpoint = new Uri("http://127.0.0.1:9/v1/") };
        using var client = new OpenAICompatibleChatClient(endpoint);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("anyone?", cancellationToken: Ct));
    }

    [Fact]
    public async Task Embeddings_are_retried_the_same_way()
    {
        Server.Enqueue(Fault.WithStatus(429, retryAfter: "0"));
        using var generator = new OpenAICompatibleEmbeddingGenerator(Server.ClientEndpoint());

        var embeddings = await generator.GenerateAsync(["retry me"], cancellationToken: Ct);

        Assert.Single(embeddings);
        Assert.Equal(2, Server.Requests.Count);
    }
}
