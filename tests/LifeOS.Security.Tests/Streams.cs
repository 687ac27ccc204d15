using System.Net.WebSockets;
using System.Text;

namespace LifeOS.Security.Tests;

/// <summary>Opening <c>/v1/stream</c> on a Kestrel-served <see cref="SecureServer"/> and reading whole messages back.</summary>
internal static class Streams
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static async Task<ClientWebSocket> ConnectAsync(SecureServer server, string token, bool collect = false)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        socket.Options.CollectHttpResponseDetails = collect;
        using var timeout = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(new UriBuilder(server.Address) { Scheme = "ws", Path = "/v1/stream" }.Uri, timeout.Token);
        return socket;
    }

    /// <summary>The next whole message (or the close), with its text.</summary>
    public static async Task<(WebSocketReceiveResult Result, string Text)> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
        return (result, Encoding.UTF8.GetString(message.ToArray()));
    }
}
