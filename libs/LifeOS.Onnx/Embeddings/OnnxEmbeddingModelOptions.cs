namespace LifeOS.Onnx.Embeddings;

/// <summary>A sentence-transformer ONNX export and how to run it.</summary>
public sealed record OnnxEmbeddingModelOptions
{
    /// <summary>The model.onnx (a BERT-style encoder: inputs input_ids, attention_mask and optionally token_type_ids;
    /// output last_hidden_state [batch, tokens, dims], or an already pooled sentence_embedding [batch, dims]).</summary>
    public required string ModelPath { get; init; }

    /// <summary>The vocab.txt the model was trained with.</summary>
    public required string VocabularyPath { get; init; }

    /// <summary>Name recorded on every embedding (e.g. "all-MiniLM-L6-v2"); the model file's folder name when null.</summary>
    public string? ModelId { get; init; }

    /// <summary>Longest input in tokens, [CLS] and [SEP] included; longer texts are truncated (all-MiniLM-L6-v2 was
    /// trained on 256).</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Lower-case and strip accents before WordPiece (true for uncased models).</summary>
    public bool LowerCase { get; init; } = true;

    /// <summary>Texts run through the model at once.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Thread counts and optimisation for the session.</summary>
    public OnnxSessionOptions Session { get; init; } = new();
}
