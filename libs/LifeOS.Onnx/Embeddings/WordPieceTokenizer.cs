using System.Globalization;
using System.Text;

namespace LifeOS.Onnx.Embeddings;

/// <summary>BERT's tokenizer: basic splitting (clean up, CJK, whitespace, punctuation, optional lower-casing and accent
/// stripping) followed by greedy longest-match-first WordPiece over a <c>vocab.txt</c>.</summary>
/// <remarks>Behaves like Hugging Face's <c>BertTokenizer</c> with its defaults, which is what sentence-transformer
/// exports were trained with; a token id is the line number of the token in vocab.txt.</remarks>
public sealed class WordPieceTokenizer
{
    private const string ContinuationPrefix = "##";
    private const int MaxCharactersPerWord = 100;

    private readonly Dictionary<string, int> _ids;
    private readonly bool _lowerCase;

    /// <summary>Builds a tokenizer over <paramref name="vocabulary"/> (token i has id i).</summary>
    public WordPieceTokenizer(IReadOnlyList<string> vocabulary, bool lowerCase = true)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _ids = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        for (var id = 0; id < vocabulary.Count; id++)
        {
            // A duplicated line keeps its first id, as the reference tokenizer does.
            _ids.TryAdd(vocabulary[id], id);
        }
        _lowerCase = lowerCase;
        PadId = RequireSpecial("[PAD]");
        UnknownId = RequireSpecial("[UNK]");
        ClassifierId = RequireSpecial("[CLS]");
        SeparatorId = RequireSpecial("[SEP]");
        VocabularySize = vocabulary.Count;
    }

    /// <summary>Id of [PAD].</summary>
    public int PadId { get; }

    /// <summary>Id of [UNK], given to a word no sequence of pieces covers.</summary>
    public int UnknownId { get; }

    /// <summary>Id of [CLS], which opens every encoded text.</summary>
    public int ClassifierId { get; }

    /// <summary>Id of [SEP], which closes every encoded text.</summary>
    public int SeparatorId { get; }

    /// <summary>Number of lines in the vocabulary.</summary>
    public int VocabularySize { get; }

    /// <summary>Reads a vocab.txt: one token per line, UTF-8.</summary>
    public static WordPieceTokenizer FromFile(string vocabularyPath, bool lowerCase = true)
    {
        if (!File.Exists(vocabularyPath))
        {
            throw new FileNotFoundException($"WordPiece vocabulary not found at '{Path.GetFullPath(vocabularyPath)}'.", vocabularyPath);
        }
        // Lines are kept verbatim apart from the line break: a token may itself be a space-like character.
        var lines = File.ReadAllText(vocabularyPath, Encoding.UTF8).Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        return new WordPieceTokenizer(lines, lowerCase);
    }

    /// <summary>The word pieces of <paramref name="text"/>, without [CLS]/[SEP].</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        var pieces = new List<string>();
        foreach (var word in SplitWords(text))
        {
            AppendPieces(word, pieces, ids: null);
        }
        return pieces;
    }

    /// <summary>The ids of <paramref name="text"/> as the model reads them: [CLS], the pieces, [SEP], truncated so the
    /// whole is at most <paramref name="maxTokens"/> long (the [SEP] is kept).</summary>
    public int[] Encode(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 2);
        var ids = new List<int> { ClassifierId };
        foreach (var word in SplitWords(text))
        {
            AppendPieces(word, pieces: null, ids);
            if (ids.Count >= maxTokens - 1)
            {
                break;
            }
        }
        if (ids.Count > maxTokens - 1)
        {
            ids.RemoveRange(maxTokens - 1, ids.Count - (maxTokens - 1));
        }
        ids.Add(SeparatorId);
        return ids.ToArray();
    }

    private int RequireSpecial(string token) =>
        _ids.TryGetValue(token, out var id)
            ? id
            : throw new ArgumentException($"The vocabulary has no {token} token; it is not a BERT WordPiece vocabulary.");

    // Greedy longest-match-first; a word that cannot be covered entirely becomes one [UNK].
    private void AppendPieces(string word, List<string>? pieces, List<int>? ids)
    {
        if (word.Length > MaxCharactersPerWord)
        {
            pieces?.Add("[UNK]");
            ids?.Add(UnknownId);
            return;
        }
        var found = new List<(string Piece, int Id)>();
        var start = 0;
        while (start < word.Length)
        {
            var end = word.Length;
            (string Piece, int Id)? match = null;
            while (start < end)
            {
                var candidate = start > 0 ? ContinuationPrefix + word[start..end] : word[start..end];
                if (_ids.TryGetValue(candidate, out var id))
                {
                    match = (candidate, id);
                    break;
                }
                end--;
            }
            if (match is null)
            {
                pieces?.Add("[UNK]");
                ids?.Add(UnknownId);
                return;
            }
            found.Add(match.Value);
            start = end;
        }
        foreach (var (piece, id) in found)
        {
            pieces?.Add(piece);
            ids?.Add(id);
        }
    }

    // BERT's basic tokenizer: drop invalid and control characters, isolate CJK ideographs and punctuation, split on
    // whitespace, and (uncased) lower-case and strip accents.
    private IEnumerable<string> SplitWords(string text)
    {
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            if (value == 0 || value == 0xFFFD || IsControl(rune))
            {
                continue;
            }
            if (IsWhitespace(rune))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
                continue;
            }
            if (_lowerCase && Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (IsPunctuation(rune) || IsCjkIdeograph(value))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
                yield return Normalise(rune);
                continue;
            }
            word.Append(Normalise(rune));
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private string Normalise(Rune rune)
    {
        if (!_lowerCase)
        {
            return rune.ToString();
        }
        var lower = Rune.ToLowerInvariant(rune);
        return lower.IsBmp ? LatinAccents.Strip((char)lower.Value).ToString() : lower.ToString();
    }

    private static bool IsWhitespace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator;

    private static bool IsControl(Rune rune) =>
        rune.Value is not ('\t' or '\n' or '\r')
        && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format;

    // ASCII symbols such as $ ^ ` count as punctuation for BERT even though Unicode calls them symbols.
    private static bool IsPunctuation(Rune rune) =>
        rune.Value is >= 33 and <= 47 or >= 58 and <= 64 or >= 91 and <= 96 or >= 123 and <= 126
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    private static bool IsCjkIdeograph(int value) =>
        value is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F
            or >= 0x2B740 and <= 0x2B81F or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;
}
