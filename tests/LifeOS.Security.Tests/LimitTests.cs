using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace LifeOS.Security.Tests;

/// <summary>Rate, size and WebSocket limits answer 429/413 (with Retry-After where it applies) and leave the server healthy.</summary>
public sealed class LimitTests
{
    private static async Task AssertHealthyAsync(SecureServer server)
    {
        using var anonymous = server.Client();
        using var health = await anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Empty(server.LoggedErrors);
    }

    private static int RetryAfter(HttpResponseMessage response)
    {
        Assert.True(response.Headers.RetryAfter?.Delta is not null, "429 without a Retry-After delay");
        return (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
    }

    [Fact]
    public async Task Each_credential_has_its_own_request_budget_and_over_it_gets_429_with_retry_after()
    {
        await using var server = new SecureServer(new Dictionary<string, string?>
        {
            ["LifeOS:Limits:RequestsPerWindow"] = "5",
            ["LifeOS:Limits:Window"] = "00:01:00",
        });
        var alice = await server.SignUpAsync("alice");
        using var owner = server.Client(SecureServer.OwnerToken);
        for (var i = 0; i < 5; i++)
        {
            using var ok = await owner.GetAsync("/v1/timeline");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var refused = await owner.GetAsync("/v1/timeline"))
        {
            await Http.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
            Assert.InRange(RetryAfter(refused), 1, 60);
        }

        // Another credential is untouched by the owner's flood.
        using var aliceClient = server.Client(alice.AccessToken);
        using (var other = await aliceClient.GetAsync("/v1/timeline"))
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task Password_guessing_is_limited_per_address_with_retry_after_and_the_answers_never_echo_the_password()
    {
        await using var server = new SecureServer(new Dictionary<string, string?> { ["LifeOS:Limits:AuthRequestsPerWindow"] = "5" });
        await server.SignUpAsync("alice"); // two of the five: registering and logging in
        using var anonymous = server.Client();
        const string guess = "guessed-PASSWORD-1234";
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await anonymous.PostAsJsonAsync("/v1/auth/login", new { login = "alice", password = guess });
            await Http.AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
            Assert.DoesNotContain(guess, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var limited = await anonymous.PostAsJsonAsync("/v1/auth/login", new { login = "alice", password = SecureServer.Password });
        await Http.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.InRange(RetryAfter(limited), 1, 60);
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task Guessing_one_accounts_password_locks_it_for_the_guessing_addresses_but_not_for_the_right_password_from_elsewhere()
    {
        await using var server = new SecureServer(new Dictionary<string, string?>
        {
            ["LifeOS:Limits:AuthRequestsPerWindow"] = "1000",
            ["LifeOS:Limits:LoginsPerAccountPerWindow"] = "4",
        }, kestrel: true);
        await server.SignUpAsync("alice");
        await server.SignUpAsync("bob");
        using var guesser = ClientFrom(server, "127.0.0.1");
        using var elsewhere = ClientFrom(server, "127.0.0.2");
        using var third = ClientFrom(server, "127.0.0.3");
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await guesser.PostAsJsonAsync("/v1/auth/login", new { login = "ALICE", password = "guess number " + i });
            await Http.AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
        }

        // The guessing address waits now, even with the right password: the account is out of failures.
        using (var locked = await guesser.PostAsJsonAsync("/v1/auth/login", new { login = "alice", password = SecureServer.Password }))
        {
            await Http.AssertProblemAsync(locked, HttpStatusCode.TooManyRequests);
            Assert.InRange(RetryAfter(locked), 1, 15 * 60);
        }

        // Alice, from an address that has not failed, logs in: the guesser cannot keep her out.
        using (var owner = await elsewhere.PostAsJsonAsync("/v1/auth/login", new { login = "alice", password = SecureServer.Password }))
            Assert.Equal(HttpStatusCode.OK, owner.StatusCode);

        // A fresh address gets one try while the account is locked; its failure locks it out too.
        using (var wrong = await third.PostAsJsonAsync("/v1/auth/login", new { login = "alice", password = "one more guess" }))
            await Http.AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
        using (var lockedToo = await third.PostAsJsonAsync("/v1/auth/login", new { login = "alice", password = SecureServer.Password }))
            await Http.AssertProblemAsync(lockedToo, HttpStatusCode.TooManyRequests);

        // Other accounts are untouched.
        using (var bob = await guesser.PostAsJsonAsync("/v1/auth/login", new { login = "bob", password = SecureServer.Password }))
            Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
        await AssertHealthyAsync(server);
    }

    /// <summary>A client whose connections come from <paramref name="address"/> (any of 127.0.0.0/8 reaches the server),
    /// so the server sees different client addresses.</summary>
    private static HttpClient ClientFrom(SecureServer server, string address)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                    await socket.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = server.Address };
    }

    [Fact]
    public async Task A_body_over_a_routes_limit_is_a_413_whether_its_length_is_declared_or_streamed()
    {
        await using var server = new SecureServer(kestrel: true);
        using var owner = server.Client(SecureServer.OwnerToken);
        var huge = "{\"grantee\":\"" + new string('x', 200_000) + "\"}";

        using (var declared = await owner.PostAsync("/v1/shares", new StringContent(huge, Encoding.UTF8, "application/json")))
        {
            await Http.AssertProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge);
            Assert.Contains("\"field\":\"body\"", await declared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var chunked = new StringContent(huge, Encoding.UTF8, "application/json");
        chunked.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/shares") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using (var streamed = await owner.SendAsync(request))
            await Http.AssertProblemAsync(streamed, HttpStatusCode.RequestEntityTooLarge);

        // The same route takes a normal body afterwards.
        using var small = await owner.PostAsJsonAsync("/v1/shares", new { grantee = "nobody", role = "viewer" });
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
        await AssertHealthyAsync(server);
    }

    private static Task<ClientWebSocket> ConnectAsync(SecureServer server, string token, bool collect = false) =>
        Streams.ConnectAsync(server, token, collect);

    private static Task<(WebSocketReceiveResult Result, string Text)> ReceiveAsync(WebSocket socket) => Streams.ReceiveAsync(socket);

    private static string Batch(long seq) =>
        new JsonArray(Http.HeartRate("watch", seq, DateTimeOffset.UtcNow, 60, "ws-" + seq)).ToJsonString();

    [Fact]
    public async Task Too_many_streams_per_token_get_429_with_retry_after_before_the_upgrade()
    {
        await using var server = new SecureServer(new Dictionary<string, string?> { ["LifeOS:Limits:MaxStreamsPerCredential"] = "2" }, kestrel: true);
        using var first = await ConnectAsync(server, SecureServer.OwnerToken);
        using var second = await ConnectAsync(server, SecureServer.OwnerToken);
        var error = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(server, SecureServer.OwnerToken, collect: true));
        Assert.Contains("429", error.Message, StringComparison.Ordinal);

        using (var third = new ClientWebSocket())
        {
            third.Options.SetRequestHeader("Authorization", "Bearer " + SecureServer.OwnerToken);
            third.Options.CollectHttpResponseDetails = true;
            await Assert.ThrowsAsync<WebSocketException>(() =>
                third.ConnectAsync(new UriBuilder(server.Address) { Scheme = "ws", Path = "/v1/stream" }.Uri, CancellationToken.None));
            Assert.Equal(HttpStatusCode.TooManyRequests, third.HttpStatusCode);
            Assert.True(third.HttpResponseHeaders!.TryGetValue("Retry-After", out var retryAfter), "429 without Retry-After");
            Assert.True(int.Parse(retryAfter.Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        }

        // Closing one frees its slot.
        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await Task.Delay(200);
        using var again = await ConnectAsync(server, SecureServer.OwnerToken);
        await again.SendAsync(Encoding.UTF8.GetBytes(Batch(1)), WebSocketMessageType.Text, true, CancellationToken.None);
        Assert.Contains("\"accepted\":1", (await ReceiveAsync(again)).Text, StringComparison.Ordinal);
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task A_message_over_the_limit_closes_the_stream_with_1009_and_the_server_stays_healthy()
    {
        await using var server = new SecureServer(new Dictionary<string, string?> { ["LifeOS:Ingestion:MaxWebSocketMessageBytes"] = "4096" }, kestrel: true);
        using var socket = await ConnectAsync(server, SecureServer.OwnerToken);
        // Sent in frames of 1 KiB: the limit is on the message, however it is split.
        for (var i = 0; i < 8; i++)
            await socket.SendAsync(new byte[1024], WebSocketMessageType.Binary, endOfMessage: i == 7, CancellationToken.None);

        var (result, _) = await ReceiveAsync(socket);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, result.CloseStatus);

        using var next = await ConnectAsync(server, SecureServer.OwnerToken);
        await next.SendAsync(Encoding.UTF8.GetBytes(Batch(1)), WebSocketMessageType.Text, true, CancellationToken.None);
        Assert.Contains("\"accepted\":1", (await ReceiveAsync(next)).Text, StringComparison.Ordinal);
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task Messages_over_the_tokens_rate_are_answered_with_retry_after_and_not_stored()
    {
        await using var server = new SecureServer(new Dictionary<string, string?>
        {
            ["LifeOS:Limits:StreamMessagesPerWindow"] = "3",
            ["LifeOS:Limits:Window"] = "00:01:00",
        }, kestrel: true);
        using var socket = await ConnectAsync(server, SecureServer.OwnerToken);
        var acks = new List<JsonObject>();
        for (var seq = 1; seq <= 5; seq++)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(Batch(seq)), WebSocketMessageType.Text, true, CancellationToken.None);
            acks.Add(JsonNode.Parse((await ReceiveAsync(socket)).Text)!.AsObject());
        }

        Assert.Equal([1, 1, 1, 0, 0], acks.Select(a => a["accepted"]!.GetValue<int>()));
        Assert.All(acks.Skip(3), a =>
        {
            Assert.StartsWith("rate:", a["error"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.InRange(a["retryAfterSeconds"]!.GetValue<int>(), 1, 60);
        });
        Assert.Equal(WebSocketState.Open, socket.State);
        await server.WaitForPersistenceAsync();
        using var owner = server.Client(SecureServer.OwnerToken);
        Assert.Equal(["ws-1", "ws-2", "ws-3"], Http.Ids(await Http.TimelineAsync(owner)));
        await AssertHealthyAsync(server);
    }

    [Fact]
    public async Task Cors_answers_only_listed_origins_and_every_answer_carries_the_security_headers()
    {
        await using var server = new SecureServer(new Dictionary<string, string?> { ["LifeOS:Cors:AllowedOrigins:0"] = "https://app.example" });
        using var client = server.Client();

        foreach (var (origin, allowed) in new[] { ("https://app.example", true), ("https://evil.example", false) })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/timeline");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "GET");
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
            using var response = await client.SendAsync(preflight);
            Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
            Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
            // The answer depends on the Origin, so a shared cache must key on it.
            Assert.Contains("Origin", response.Headers.Vary);
        }

        using (var simple = new HttpRequestMessage(HttpMethod.Get, "/health"))
        {
            simple.Headers.Add("Origin", "https://app.example");
            using var response = await client.SendAsync(simple);
            Assert.Equal("https://app.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Contains("Origin", response.Headers.Vary);
        }

        using var answer = await client.GetAsync("/v1/timeline");
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", answer.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", answer.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", answer.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(answer.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Problem_answers_never_echo_tokens_passwords_or_stack_traces()
    {
        await using var server = new SecureServer();
        const string secretToken = "los_this-token-must-never-come-back-in-an-answer";
        using var client = server.Client(secretToken);
        using var anonymous = server.Client();
        var answers = new List<HttpResponseMessage>
        {
            await client.GetAsync("/v1/timeline"),
            await anonymous.PostAsJsonAsync("/v1/auth/register", new { login = "x", password = "short-SECRET" }),
            await anonymous.PostAsJsonAsync("/v1/auth/register", new { login = "bad login SECRET", password = "long enough SECRET password" }),
            await anonymous.PostAsync("/v1/auth/login", new StringContent("{\"login\": \"SECRET", Encoding.UTF8, "application/json")),
            await anonymous.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = "lor_SECRET-refresh" }),
        };

        foreach (var answer in answers)
        {
            var text = await answer.Content.ReadAsStringAsync();
            Assert.True((int)answer.StatusCode is >= 400 and < 500, $"{(int)answer.StatusCode}: {text}");
            Assert.Equal(Http.ProblemJson, answer.Content.Headers.ContentType?.MediaType);
            foreach (var secret in new[] { secretToken, "SECRET", "   at ", "Exception" })
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            answer.Dispose();
        }
    }
}
