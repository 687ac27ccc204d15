using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LifeOS.Api.Tests;

/// <summary>The WebSocket stream acks every message, stores events and audio like the REST routes, and survives malformed frames.</summary>
public sealed class StreamTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static async Task<WebSocket> ConnectAsync(ServerFactory server, string? token = ServerFactory.OwnerToken, string query = "")
    {
        var client = server.Server.CreateWebSocketClient();
        if (token is not null)
            client.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + token;
        using var timeout = new CancellationTokenSource(Patience);
        return await client.ConnectAsync(new Uri("ws://localhost/v1/stream" + query), timeout.Token);
    }

    private static async Task<JsonObject> SendTextAsync(WebSocket socket, string text)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
        return await ReceiveAckAsync(socket);
    }

    private static async Task<JsonObject> SendBinaryAsync(WebSocket socket, byte[] frame)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await socket.SendAsync(frame, WebSocketMessageType.Binary, true, timeout.Token);
        return await ReceiveAckAsync(socket);
    }

    private static async Task<JsonObject> ReceiveAckAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var message = new MemoryStream();
        var buffer = new byte[4096];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.True(result.MessageType == WebSocketMessageType.Text, $"expected a text ack, got {result.MessageType} {result.CloseStatus} {result.CloseStatusDescription}");
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonNode.Parse(message.ToArray())!.AsObject();
    }

    /// <summary>4-byte big-endian header length, the JSON header, then the audio bytes.</summary>
    private static byte[] AudioFrame(byte[] header, byte[] audio)
    {
        var frame = new byte[4 + header.Length + audio.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)header.Length);
        header.CopyTo(frame, 4);
        audio.CopyTo(frame, 4 + header.Length);
        return frame;
    }

    private static byte[] AudioHeader(long seq, string format = "pcm_s16le") => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["device"] = "phone", ["seq"] = seq, ["time"] = "2026-03-02T08:00:00Z", ["sampleRate"] = 16000, ["format"] = format,
        ["fileId"] = "rec-1", ["channels"] = 1,
    }.ToJsonString());

    private static string OneEvent(long seq, string? id = null) => Api.HeartRate("watch", seq, "2026-03-02T08:00:00Z", 60 + seq, id).ToJsonString();

    [Fact]
    public async Task Text_frames_of_events_are_acked_in_order_and_persisted()
    {
        await using var server = new ServerFactory();
        using var socket = await ConnectAsync(server);

        var first = await SendTextAsync(socket, new JsonArray(
            Api.HeartRate("watch", 1, "2026-03-02T08:00:00Z", 60, "ws-1"),
            Api.HeartRate("watch", 2, "2026-03-02T08:01:00Z", 999),
            Api.HeartRate("watch", 3, "2026-03-02T08:02:00Z", 62, "ws-3")).ToJsonString());
        Assert.Equal(1, first["frame"]!.GetValue<long>());
        Assert.Equal(2, first["accepted"]!.GetValue<int>());
        Assert.Equal(0, first["duplicates"]!.GetValue<int>());
        var rejected = Assert.Single(first["rejected"]!.AsArray())!;
        Assert.Equal(1, rejected["index"]!.GetValue<int>());
        Assert.StartsWith("data.value:", rejected["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, first["ledger"]!["watch"]!["highSeq"]!.GetValue<long>());
        Assert.Null(first["blob"]);
        Assert.Null(first["error"]);

        // One object, not an array; then a retry of it.
        var second = await SendTextAsync(socket, OneEvent(4, "ws-4"));
        Assert.Equal((2L, 1), (second["frame"]!.GetValue<long>(), second["accepted"]!.GetValue<int>()));
        var third = await SendTextAsync(socket, OneEvent(4, "ws-4"));
        Assert.Equal((3L, 1), (third["frame"]!.GetValue<long>(), third["duplicates"]!.GetValue<int>()));

        await server.WaitForPersistenceAsync();
        using var client = server.CreateOwnerClient();
        Assert.Equal(["ws-1", "ws-3", "ws-4"], Api.Ids(await Api.ReadTimelineAsync(client)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_audio_frame_is_acked_with_its_blob_and_its_event_shows_on_the_timeline()
    {
        await using var server = new ServerFactory();
        using var socket = await ConnectAsync(server);
        var audio = new byte[32_000];
        new Random(10).NextBytes(audio);
        var sha = Convert.ToHexStringLower(SHA256.HashData(audio));

        var ack = await SendBinaryAsync(socket, AudioFrame(AudioHeader(1), audio));

        Assert.Null(ack["error"]);
        Assert.Equal(1, ack["accepted"]!.GetValue<int>());
        Assert.Equal(sha, ack["blob"]!["sha256"]!.GetValue<string>());
        Assert.Equal(audio.Length, ack["blob"]!["size"]!.GetValue<long>());
        Assert.Equal(1, ack["ledger"]!["phone"]!["highSeq"]!.GetValue<long>());

        await server.WaitForPersistenceAsync();
        using var client = server.CreateOwnerClient();
        var item = Assert.Single(await Api.ReadTimelineAsync(client));
        Assert.Equal("device.audio", item["type"]!.GetValue<string>());
        Assert.Equal(sha, item["data"]!["blob"]!["sha256"]!.GetValue<string>());
        Assert.Equal("rec-1", item["data"]!["fileId"]!.GetValue<string>());
        Assert.Equal(16000, item["data"]!["sampleRate"]!.GetValue<int>());
        using var download = await client.GetAsync($"/v1/media/{sha}");
        Assert.Equal(audio, await download.Content.ReadAsByteArrayAsync());
    }

    public static TheoryData<string, byte[]> MalformedBinaryFrames => new()
    {
        { "too short for the length", [0, 0, 1] },
        { "zero header length", AudioFrame([], [1, 2, 3]) },
        { "header length past the end", [0, 0, 0, 200, (byte)'{', (byte)'}'] },
        { "header length over 4096", [0, 0, 0x10, 0x01, .. new byte[4200]] },
        { "header not JSON", AudioFrame("{device"u8.ToArray(), [1, 2, 3]) },
        { "header a JSON array", AudioFrame("[1,2]"u8.ToArray(), [1, 2, 3]) },
        { "no audio after the header", AudioFrame(AudioHeader(1), []) },
        { "header without device", AudioFrame("{\"seq\":1,\"time\":\"2026-03-02T08:00:00Z\",\"sampleRate\":16000,\"format\":\"wav\",\"fileId\":\"f\"}"u8.ToArray(), [1]) },
        { "unknown format", AudioFrame(AudioHeader(1, "ogg"), [1, 2, 3]) },
        { "seq as a string", AudioFrame("{\"device\":\"phone\",\"seq\":\"1\",\"time\":\"2026-03-02T08:00:00Z\",\"sampleRate\":16000,\"format\":\"wav\",\"fileId\":\"f\"}"u8.ToArray(), [1]) },
        { "duplicate keys in the header", AudioFrame("{\"device\":\"phone\",\"device\":\"watch\",\"seq\":1,\"time\":\"2026-03-02T08:00:00Z\",\"sampleRate\":16000,\"format\":\"wav\",\"fileId\":\"f\"}"u8.ToArray(), [1]) },
        { "invalid UTF-8 in the header", AudioFrame(Api.Join("{\"device\":\"ph"u8.ToArray(), [0xC3, 0x28], "\",\"seq\":1,\"time\":\"2026-03-02T08:00:00Z\",\"sampleRate\":16000,\"format\":\"wav\",\"fileId\":\"f\"}"u8.ToArray()), [1]) },
    };

    private static async Task<JsonObject> KeptOpenAsync(ServerFactory server, string why, Func<Task<JsonObject>> exchange)
    {
        try
        {
            return await exchange();
        }
        catch (Exception ex) when (ex is IOException or WebSocketException or ObjectDisposedException)
        {
            Assert.Fail($"{why}: the server dropped the connection instead of acking ({ex.GetType().Name}); it logged: {string.Join(" | ", server.LoggedErrors)}");
            return null!;
        }
    }

    [Theory]
    [MemberData(nameof(MalformedBinaryFrames))]
    public async Task A_malformed_binary_frame_gets_an_error_ack_and_the_next_frame_still_works(string why, byte[] frame)
    {
        await using var server = new ServerFactory();
        using var socket = await ConnectAsync(server);

        var ack = await KeptOpenAsync(server, why, () => SendBinaryAsync(socket, frame));

        Assert.True(ack["error"] is JsonValue error && error.GetValue<string>().Length > 0, $"{why}: {ack.ToJsonString()}");
        Assert.Equal(1, ack["frame"]!.GetValue<long>());
        Assert.Equal(0, ack["accepted"]!.GetValue<int>());
        Assert.Null(ack["blob"]);
        var next = await SendTextAsync(socket, OneEvent(1, "after"));
        Assert.Equal((2L, 1), (next["frame"]!.GetValue<long>(), next["accepted"]!.GetValue<int>()));
        await server.WaitForPersistenceAsync();
        using var client = server.CreateOwnerClient();
        Assert.Equal(["after"], Api.Ids(await Api.ReadTimelineAsync(client)));
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("[{\"type\":", "body")]
    [InlineData("42", "body")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "body")]
    public async Task A_malformed_text_frame_gets_an_error_ack_naming_the_body_and_the_next_frame_still_works(string text, string field)
    {
        await using var server = new ServerFactory();
        using var socket = await ConnectAsync(server);

        var ack = await SendTextAsync(socket, text);

        Assert.StartsWith(field + ":", ack["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var next = await SendTextAsync(socket, OneEvent(1));
        Assert.Equal((2L, 1), (next["frame"]!.GetValue<long>(), next["accepted"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_text_frame_with_an_unpaired_surrogate_escape_is_refused_and_the_stream_stays_open()
    {
        await using var server = new ServerFactory();
        using var socket = await ConnectAsync(server);
        const string frame = """[{"type":"digital.clipboard","device":"wat\ud800ch","seq":1,"time":"2026-03-02T08:00:00Z","data":{"content":"x"}}]""";

        var ack = await KeptOpenAsync(server, "unpaired surrogate", () => SendTextAsync(socket, frame));

        Assert.True(ack["error"] is not null || ack["rejected"]!.AsArray().Count == 1, ack.ToJsonString());
        Assert.Equal(0, ack["accepted"]!.GetValue<int>());
        var next = await SendTextAsync(socket, OneEvent(1));
        Assert.Equal(1, next["accepted"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_message_over_the_limit_closes_the_stream_with_1009()
    {
        await using var server = new ServerFactory(new Dictionary<string, string?> { ["LifeOS:Ingestion:MaxWebSocketMessageBytes"] = "2048" });
        using var socket = await ConnectAsync(server);
        Assert.Equal(1, (await SendTextAsync(socket, OneEvent(1)))["accepted"]!.GetValue<int>());

        using var timeout = new CancellationTokenSource(Patience);
        var big = new JsonArray([.. Enumerable.Range(2, 100).Select(i => (JsonNode)Api.HeartRate("watch", i, "2026-03-02T08:00:00Z", 60))]);
        await socket.SendAsync(Encoding.UTF8.GetBytes(big.ToJsonString()), WebSocketMessageType.Text, true, timeout.Token);
        var result = await socket.ReceiveAsync(new byte[4096], timeout.Token);

        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, result.CloseStatus);
        Assert.Equal(1009, (int)result.CloseStatus!.Value);
        await server.WaitForPersistenceAsync();
        using var client = server.CreateOwnerClient();
        Assert.Single(await Api.ReadTimelineAsync(client));
    }

    [Fact]
    public async Task A_websocket_may_carry_its_token_in_the_query_string()
    {
        await using var server = new ServerFactory();
        using var socket = await ConnectAsync(server, token: null, query: "?access_token=" + ServerFactory.OwnerToken);

        Assert.Equal(1, (await SendTextAsync(socket, OneEvent(1)))["accepted"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-wrong-token")]
    public async Task A_websocket_without_a_valid_token_is_refused(string? token)
    {
        await using var server = new ServerFactory();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(server, token));

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }
}
