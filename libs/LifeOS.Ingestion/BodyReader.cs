using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace LifeOS.Ingestion;

/// <summary>Reads a request body into memory, refusing more than a limit before it is all read.</summary>
internal static class BodyReader
{
    /// <summary>Returns the body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return null;

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 64 * 1024, maxBytes) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(64 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return buffer.WrittenSpan.ToArray();

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
                return null;
        }
    }
}
