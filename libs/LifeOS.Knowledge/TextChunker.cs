using System.Text;

namespace LifeOS.Knowledge;

/// <summary>Cuts text into chunks of about <see cref="TargetLength"/> characters along paragraph, then sentence, then word boundaries.</summary>
/// <remarks>Chunks are what search cites and what gets embedded: small enough that a hit points at the passage, large
/// enough to carry meaning. Embedding models take a few hundred tokens comfortably; 1200 characters stays under that.</remarks>
public static class TextChunker
{
    public const int TargetLength = 1200;

    public static IReadOnlyList<string> Split(string text, int targetLength = TargetLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var paragraph in text.Split(["\r\n\r\n", "\n\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var piece in Pieces(paragraph, targetLength))
            {
                if (current.Length > 0 && current.Length + piece.Length + 2 > targetLength)
                {
                    chunks.Add(current.ToString());
                    current.Clear();
                }

                if (current.Length > 0)
                    current.Append("\n\n");
                current.Append(piece);
            }
        }

        if (current.Length > 0)
            chunks.Add(current.ToString());
        return chunks;
    }

    // A paragraph longer than a chunk is cut at sentence ends, and a sentence longer than a chunk at spaces.
    private static IEnumerable<string> Pieces(string paragraph, int targetLength)
    {
        if (paragraph.Length <= targetLength)
        {
            yield return paragraph;
            yield break;
        }

        var start = 0;
        while (start < paragraph.Length)
        {
            var end = Math.Min(paragraph.Length, start + targetLength);
            if (end < paragraph.Length)
            {
                var sentence = paragraph.LastIndexOfAny(['.', '!', '?'], end - 1, end - start);
                var space = paragraph.LastIndexOf(' ', end - 1, end - start);
                end = sentence > start + (targetLength / 2) ? sentence + 1 : space > start ? space : end;
            }

            var piece = paragraph[start..end].Trim();
            if (piece.Length > 0)
                yield return piece;
            start = end;
        }
    }
}
