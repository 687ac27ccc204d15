using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using LifeOS.Contracts.Payloads;
using LifeOS.Identity;
using LifeOS.Identity.Http;
using LifeOS.Identity.Limits;
using LifeOS.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LifeOS.Ingestion;

/// <summary>The WebSocket stream for high-rate sources: text messages carry events, binary messages carry audio chunks.</summary>
/// <remarks>Every message gets one JSON acknowledgement, sent after its durable append, numbered by <c>frame</c> (from 1).
/// Revoking the stream's token (or its device, or ending its session, or deleting the account) closes the stream with
/// <see cref="WebSocketCloseStatus.PolicyViolation"/>; no message read after the revocation is stored.</remarks>
public static class StreamEndpoint
{
    private static readonly JsonSerializerOptions AckJson = new(JsonSerializerDefaults.Web);

    /// <summary>How long a client has to answer the server's close before the connection is dropped.</summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    public const string RevokedReason = "the token was revoked";

    public static IEndpointConventionBuilder MapStreamEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/stream", Stream)
            .WithTags("Ingestion")
            .WithName("Stream")
            .WithSummary("WebSocket: text frames carry events (like POST /v1/ingest), binary frames carry audio chunks; each is acknowledged.")
            .RequireAuthorization(Policies.Ingest);

    private static async Task<IResult> Stream(
        HttpContext context, IngestPipeline pipeline, IBlobStore blobs, IOptions<IngestionOptions> options, StreamLimits limits, CredentialWatches watches,
        ILoggerFactory loggers)
    {
        if (!context.WebSockets.IsWebSocketRequest)
            return ApiProblems.Field("Upgrade", "this endpoint speaks WebSocket only");

        // Refused before the upgrade, while an HTTP answer (429 + Retry-After) is still possible.
        var credential = context.User.FindFirst(Caller.CredentialClaim)?.Value ?? Caller.From(context.User).UserId;
        using var slot = limits.TryOpen(credential);
        if (slot is null)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(limits.Window.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiProblems.Field("stream", "this token already holds as many open streams as it may; close one first", StatusCodes.Status429TooManyRequests);
        }

        using var watch = watches.Watch(context.User);
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var session = new StreamSession(
            socket, Caller.From(context.User), credential, pipeline, blobs, limits, options.Value, loggers.CreateLogger(typeof(StreamEndpoint)));
        await session.RunAsync(watch, context.RequestAborted).ConfigureAwait(false);
        return Results.Empty;
    }

    private sealed class StreamSession(
        WebSocket socket, Caller caller, string credential, IngestPipeline pipeline, IBlobStore blobs, StreamLimits limits, IngestionOptions options,
        ILogger logger) : IDisposable
    {
        // A WebSocket allows one send at a time; acknowledgements and the revocation close both send.
        private readonly SemaphoreSlim _send = new(1, 1);
        private long _frame;

        public async Task RunAsync(CredentialWatch watch, CancellationToken cancellationToken)
        {
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var closer = CloseWhenRevokedAsync(watch, ended.Token);
            try
            {
                await ReceiveLoopAsync(watch, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await ended.CancelAsync().ConfigureAwait(false);
                await closer.ConfigureAwait(false);
            }
        }

        public void Dispose() => _send.Dispose();

        private async Task ReceiveLoopAsync(CredentialWatch watch, CancellationToken cancellationToken)
        {
            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            try
            {
                while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
                {
                    buffer.ResetWrittenCount();
                    var (type, tooLarge) = await ReceiveMessageAsync(buffer, cancellationToken).ConfigureAwait(false);
                    if (type == WebSocketMessageType.Close)
                    {
                        if (socket.State == WebSocketState.CloseReceived)
                            await SendLockedAsync(() => socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken)).ConfigureAwait(false);
                        return;
                    }

                    // Read after the credential was revoked (the close is on its way): neither stored nor answered.
                    if (watch.IsRevoked)
                        continue;

                    _frame++;
                    if (tooLarge)
                    {
                        await SendLockedAsync(() => socket.CloseAsync(WebSocketCloseStatus.MessageTooBig,
                            $"messages must be at most {options.MaxWebSocketMessageBytes} bytes", cancellationToken)).ConfigureAwait(false);
                        return;
                    }

                    // Over the message budget: answered, not processed; the client waits and resends.
                    var ack = await limits.HitAsync(credential, cancellationToken).ConfigureAwait(false) is { } retryAfter
                        ? StreamAck.Failed(_frame, "rate: too many messages from this token; resend after retryAfterSeconds") with
                        {
                            RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)),
                        }
                        : await HandleMessageAsync(type, buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    var bytes = JsonSerializer.SerializeToUtf8Bytes(ack, AckJson);
                    await SendLockedAsync(async () =>
                    {
                        // The close for a revocation may have gone out while this message was handled.
                        if (socket.State == WebSocketState.Open)
                            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The client went away: nothing unacknowledged was promised to it.
                logger.LogDebug(ex, "Stream closed after {Frames} frames", _frame);
            }
        }

        // Waits for the revocation; then sends the close, and drops a client that does not answer it in time.
        private async Task CloseWhenRevokedAsync(CredentialWatch watch, CancellationToken ended)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(watch.Revoked, ended);
            try
            {
                await Task.Delay(Timeout.Infinite, either.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            if (!watch.IsRevoked || ended.IsCancellationRequested)
                return;
            logger.LogInformation("Closing a stream of user {User}: {Reason}", caller.UserId, RevokedReason);
            try
            {
                await SendLockedAsync(async () =>
                {
                    if (socket.State == WebSocketState.Open)
                        await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, RevokedReason, CancellationToken.None).ConfigureAwait(false);
                }).ConfigureAwait(false);
                await Task.Delay(CloseGrace, ended).ConfigureAwait(false);
                socket.Abort();
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Closed meanwhile, by either side.
            }
        }

        private async Task SendLockedAsync(Func<Task> send)
        {
            await _send.WaitAsync().ConfigureAwait(false);
            try
            {
                await send().ConfigureAwait(false);
            }
            finally
            {
                _send.Release();
            }
        }

        private async Task<(WebSocketMessageType Type, bool TooLarge)> ReceiveMessageAsync(ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                    return (result.MessageType, false);

                buffer.Advance(result.Count);
                if (buffer.WrittenCount > options.MaxWebSocketMessageBytes)
                    return (result.MessageType, true);
                if (result.EndOfMessage)
                    return (result.MessageType, false);
            }
        }

        private async Task<StreamAck> HandleMessageAsync(WebSocketMessageType type, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
        {
            try
            {
                return type == WebSocketMessageType.Text
                    ? await HandleEventsAsync(message, cancellationToken).ConfigureAwait(false)
                    : await HandleAudioAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException busy)
            {
                return StreamAck.Failed(_frame, "busy: " + busy.Message);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or JsonException or FormatException)
            {
                // A message this code could not read is that message's problem: answer it and keep the stream open.
                logger.LogDebug(ex, "Stream frame {Frame} could not be read", _frame);
                return StreamAck.Failed(_frame, "frame: could not be read; JSON must be valid UTF-8 with each key once");
            }
        }

        private async Task<StreamAck> HandleEventsAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
        {
            using var batch = EventBatchParser.ParseJson(message, caller, options.MaxEventsPerRequest);
            if (batch.BodyError is { } error)
                return StreamAck.Failed(_frame, error);

            var result = await pipeline.IngestAsync(caller.UserId, batch.Candidates, batch.Rejections, cancellationToken).ConfigureAwait(false);
            return StreamAck.From(_frame, result, null);
        }

        private async Task<StreamAck> HandleAudioAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
        {
            if (AudioFrame.TryParse(message, out var fields, out var audio) is { } malformed)
                return StreamAck.Failed(_frame, malformed);

            const string contentType = "application/octet-stream";
            if (MediaEvent.Precheck(fields!, contentType, caller) is { } invalid)
                return StreamAck.Failed(_frame, invalid);

            BlobReference blob;
            await using (var stream = new MemoryStream(audio.ToArray(), writable: false))
                blob = await blobs.PutAsync(stream, contentType, options.MaxWebSocketMessageBytes, cancellationToken).ConfigureAwait(false);

            var (candidate, document, error) = MediaEvent.Complete(fields!, blob, caller);
            using (document)
            {
                if (candidate is null)
                    return StreamAck.Failed(_frame, error!);
                var result = await pipeline.IngestAsync(caller.UserId, [candidate], [], cancellationToken).ConfigureAwait(false);
                return StreamAck.From(_frame, result, blob);
            }
        }
    }
}

/// <summary>The acknowledgement of one WebSocket message.</summary>
public sealed record StreamAck(
    long Frame,
    int Accepted,
    int Duplicates,
    IReadOnlyList<Rejection> Rejected,
    IReadOnlyDictionary<string, DeviceHighSeq> Ledger,
    BlobReference? Blob,
    string? Error)
{
    /// <summary>Set when the message was refused for the token's message rate: seconds until it may be resent.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static StreamAck From(long frame, IngestResult result, BlobReference? blob) =>
        new(frame, result.Accepted, result.Duplicates, result.Rejected, result.Ledger, blob, null);

    public static StreamAck Failed(long frame, string error) =>
        new(frame, 0, 0, [], new Dictionary<string, DeviceHighSeq>(), null, error);
}
