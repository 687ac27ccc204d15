using System.Runtime.CompilerServices;
using System.Text;

namespace LifeOS.AI.OpenAICompatible;

/// <summary>Reads the data of server-sent events (the streaming transport of chat completions): each event's
/// <c>data:</c> lines joined, comments and other fields ignored.</summary>
internal static class ServerSentEvents
{
    public static async IAsyncEnumerable<string> ReadDataAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    yield return data.ToString();
                    data.Clear();
                }
                continue;
            }
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                if (data.Length > 0)
                {
                    data.Append('\n');
                }
                data.Append(line.AsSpan(line.Length > 5 && line[5] == ' ' ? 6 : 5));
            }
        }
        if (data.Length > 0)
        {
            yield return data.ToString();
        }
    }
}
