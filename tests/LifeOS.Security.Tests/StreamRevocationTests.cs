using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using LifeOS.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Security.Tests;

/// <summary>An open WebSocket stream ends when its credential does: revoking the token or the device, logging out,
/// deleting the account, or a revocation another process wrote to the store, each close the stream with 1008 and a
/// reason within a second, and nothing sent after the revocation is stored.</summary>
public sealed class StreamRevocationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public enum Revocation
    {
        Token,
        Device,
        Logout,
        Account,
        ElsewhereInTheStore,
    }

    [Theory]
    [InlineData(Revocation.Token)]
    [InlineData(Revocation.Device)]
    [InlineData(Revocation.Logout)]
    [InlineData(Revocation.Account)]
    [InlineData(Revocation.ElsewhereInTheStore)]
    public async Task Revoking_the_credential_closes_its_open_stream_and_stores_nothing_sent_after(Revocation revocation)
    {
        await using var server = new SecureServer(kestrel: true);
        var alice = await server.SignUpAsync("alice");
        using var manage = server.Client(alice.AccessToken);
        var (token, revoke) = await CredentialAsync(server, manage, alice, revocation);

        using var socket = await Streams.ConnectAsync(server, token);
        await socket.SendAsync(Batch(1), WebSocketMessageType.Text, true, CancellationToken.None);
        var (first, ack) = await Streams.ReceiveAsync(socket);
        Assert.Equal(WebSocketMessageType.Text, first.MessageType);
        Assert.Contains("\"accepted\":1", ack, StringComparison.Ordinal);

        await revoke();
        var revoked = Stopwatch.StartNew();
        if (revocation != Revocation.ElsewhereInTheStore)
        {
            // Sent after the revocation was answered: must not be stored, whether or not the close has arrived yet.
            try
            {
                await socket.SendAsync(Batch(2), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Already closed.
            }
        }

        var (closed, text) = await Streams.ReceiveAsync(socket);
        Assert.True(closed.MessageType == WebSocketMessageType.Close, $"expected the close, got a {closed.MessageType} message: {text}");
        Assert.InRange(revoked.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, closed.CloseStatus);
        Assert.Equal("the token was revoked", closed.CloseStatusDescription);

        if (revocation == Revocation.Account)
            return; // everything of alice's is gone, the first frame included
        await server.WaitForPersistenceAsync();
        var fresh = await server.LoginAsync("alice");
        using var reader = server.Client(fresh["accessToken"]!.GetValue<string>());
        Assert.Equal(["ws-1"], Http.Ids(await Http.TimelineAsync(reader)));
    }

    private static async Task<(string Token, Func<Task> Revoke)> CredentialAsync(SecureServer server, HttpClient manage, User alice, Revocation revocation)
    {
        switch (revocation)
        {
            case Revocation.Token or Revocation.ElsewhereInTheStore:
                var pat = (await Http.SendJsonAsync(manage, HttpMethod.Post, "/v1/tokens",
                    new JsonObject { ["name"] = "importer", ["scopes"] = new JsonArray("ingest") }, HttpStatusCode.Created)).AsObject();
                var id = pat["id"]!.GetValue<string>();
                return (pat["token"]!.GetValue<string>(), revocation == Revocation.Token
                    ? () => Http.SendJsonAsync(manage, HttpMethod.Delete, "/v1/tokens/" + id, null, HttpStatusCode.NoContent)
                    // Another replica revoking: the store changes and this process's caches and watches are not told.
                    : () => server.Services.GetRequiredService<IAccountStore>().RevokeTokensAsync(alice.Id, new TokenSelector(Id: id), DateTimeOffset.UtcNow));
            case Revocation.Device:
                var device = (await Http.SendJsonAsync(manage, HttpMethod.Post, "/v1/devices",
                    new JsonObject { ["device"] = "watch", ["types"] = new JsonArray("device.health.heartrate") }, HttpStatusCode.Created)).AsObject();
                return (device["token"]!.GetValue<string>(), () => Http.SendJsonAsync(manage, HttpMethod.Delete, "/v1/devices/watch", null, HttpStatusCode.NoContent));
            case Revocation.Logout:
                return (alice.AccessToken, () => Http.SendJsonAsync(manage, HttpMethod.Post, "/v1/auth/logout", null, HttpStatusCode.NoContent));
            default:
                return (alice.AccessToken, async () =>
                {
                    using var deleted = await manage.DeleteAsync("/v1/account?confirm=alice");
                    Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
                });
        }
    }

    private static byte[] Batch(long seq) =>
        Encoding.UTF8.GetBytes(new JsonArray(Http.HeartRate("watch", seq, T0.AddSeconds(seq), 60, "ws-" + seq)).ToJsonString());
}
