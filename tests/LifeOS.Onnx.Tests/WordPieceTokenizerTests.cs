using LifeOS.Onnx.Embeddings;

namespace LifeOS.Onnx.Tests;

/// <summary>BERT's basic + WordPiece tokenization on a small vocabulary.</summary>
public sealed class WordPieceTokenizerTests
{
    private static readonly string[] Vocabulary =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "cat", "sat", "on", "mat", "un", "##aff", "##able", "hello", "world",
        ",", "!", ".", "'", "s", "cafe", "uber", "naive", "中", "文", "run", "##ning", "##n", "play", "##ing", "##s",
    ];

    private readonly WordPieceTokenizer _tokenizer = new(Vocabulary);

    [Fact]
    public void Lower_cases_and_splits_off_punctuation()
    {
        Assert.Equal(["hello", ",", "world", "!"], _tokenizer.Tokenize("Hello, WORLD!"));
        Assert.Equal(["the", "cat", "'", "s", "mat", "."], _tokenizer.Tokenize("The cat's mat."));
    }

    [Fact]
    public void Splits_words_into_the_longest_pieces_first()
    {
        Assert.Equal(["un", "##aff", "##able"], _tokenizer.Tokenize("unaffable"));
        // "running" could be run + ##n + ##n + ##ing; the longest match takes ##ning.
        Assert.Equal(["run", "##ning"], _tokenizer.Tokenize("running"));
        Assert.Equal(["play", "##ing", "##s"], _tokenizer.Tokenize("playings"));
    }

    [Fact]
    public void A_word_no_pieces_cover_becomes_one_unknown()
    {
        Assert.Equal(["the", "[UNK]", "sat"], _tokenizer.Tokenize("the dog sat"));
        // "unx": "un" matches but nothing covers "x", so the whole word is unknown, not "un" + [UNK].
        Assert.Equal(["[UNK]"], _tokenizer.Tokenize("unx"));
        Assert.Equal(["[UNK]"], _tokenizer.Tokenize(new string('a', 101)));
    }

    [Fact]
    public void Strips_accents_whether_precomposed_or_combining()
    {
        Assert.Equal(["cafe", "uber", "naive"], _tokenizer.Tokenize("Café Über nai\u0308ve"));
    }

    [Fact]
    public void Keeps_accents_and_case_for_a_cased_vocabulary()
    {
        var cased = new WordPieceTokenizer([.. Vocabulary, "Café"], lowerCase: false);
        Assert.Equal(["Café", "[UNK]"], cased.Tokenize("Café Hello"));
    }

    [Fact]
    public void Isolates_cjk_ideographs_and_drops_control_characters()
    {
        Assert.Equal(["the", "中", "文", "cat"], _tokenizer.Tokenize("the中文cat"));
        Assert.Equal(["the", "cat"], _tokenizer.Tokenize("t\u0000he\u200B \u0007cat\uFFFD"));
        Assert.Equal(["the", "cat", "sat"], _tokenizer.Tokenize(" the\tcat\r\n\u00A0sat "));
    }

    [Fact]
    public void Encodes_with_cls_and_sep_and_truncates_keeping_sep()
    {
        Assert.Equal([2, 4, 5, 6, 3], _tokenizer.Encode("the cat sat", maxTokens: 16));
        Assert.Equal([2, 4, 5, 3], _tokenizer.Encode("the cat sat on the mat", maxTokens: 4));
        Assert.Equal([2, 9, 3], _tokenizer.Encode("unaffable", maxTokens: 3));
        Assert.Equal([2, 3], _tokenizer.Encode("", maxTokens: 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => _tokenizer.Encode("the", maxTokens: 1));
    }

    [Fact]
    public void A_vocabulary_without_the_special_tokens_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new WordPieceTokenizer(["[PAD]", "[UNK]", "[CLS]", "the"]));
        Assert.Contains("[SEP]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_vocab_txt_with_either_line_ending()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "vocab.txt");
        File.WriteAllText(path, string.Join("\r\n", Vocabulary) + "\r\n");

        var tokenizer = WordPieceTokenizer.FromFile(path);

        Assert.Equal(Vocabulary.Length, tokenizer.VocabularySize);
        Assert.Equal(_tokenizer.Encode("the cat sat", 16), tokenizer.Encode("the cat sat", 16));
        Assert.Throws<FileNotFoundException>(() => WordPieceTokenizer.FromFile(Path.Combine(directory.Path, "missing.txt")));
    }
}
