using LifeOS.AI.Telemetry;
using Microsoft.Extensions.AI;

namespace LifeOS.Onnx.Embeddings;

/// <summary>Sentence embeddings computed in process by a sentence-transformer ONNX model: WordPiece tokens, attention
/// mask and token type ids in, mean pooling over the real tokens and L2 normalisation out.</summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";

    private readonly OnnxSession _session;
    private readonly WordPieceTokenizer _tokenizer;
    private readonly OnnxEmbeddingModelOptions _options;
    private readonly OnnxRuntime _runtime;
    private readonly string _output;
    private readonly bool _feedsTokenTypes;

    /// <summary>Opens the model and its vocabulary.</summary>
    /// <exception cref="FileNotFoundException">The model or vocabulary file is missing.</exception>
    /// <exception cref="ArgumentException">The model does not have the inputs of a BERT-style encoder.</exception>
    public OnnxEmbeddingGenerator(OnnxRuntime runtime, OnnxEmbeddingModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTokens, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        _runtime = runtime;
        _options = options;
        _tokenizer = WordPieceTokenizer.FromFile(options.VocabularyPath, options.LowerCase);
        _session = runtime.OpenSession(options.ModelPath, options.Session);
        try
        {
            foreach (var input in _session.InputNames.Where(name => name is not (InputIds or AttentionMask or TokenTypeIds)))
            {
                throw new ArgumentException($"'{options.ModelPath}' has an input '{input}' that a sentence-transformer encoder does not; its inputs are {string.Join(", ", _session.InputNames)}.");
            }
            if (!_session.InputNames.Contains(InputIds) || !_session.InputNames.Contains(AttentionMask))
            {
                throw new ArgumentException($"'{options.ModelPath}' lacks {InputIds} or {AttentionMask}; its inputs are {string.Join(", ", _session.InputNames)}.");
            }
            _feedsTokenTypes = _session.InputNames.Contains(TokenTypeIds);
            _output = _session.OutputNames.Contains("sentence_embedding") ? "sentence_embedding"
                : _session.OutputNames.Contains("last_hidden_state") ? "last_hidden_state"
                : _session.OutputNames[0];
        }
        catch
        {
            _session.Dispose();
            throw;
        }
        ModelId = options.ModelId ?? new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(options.ModelPath))!).Name;
        Metadata = new EmbeddingGeneratorMetadata("onnx", new Uri(Path.GetFullPath(options.ModelPath)), ModelId);
    }

    /// <summary>The name recorded on each embedding.</summary>
    public string ModelId { get; }

    /// <summary>Provider "onnx", the model file, the model id.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        for (var i = 0; i < texts.Length; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"Input {i} is null; every input to embed must be a string.", nameof(values));
            }
        }
        if (options?.ModelId is { } requested && requested != ModelId)
        {
            throw new ArgumentException($"This generator runs '{ModelId}' only; '{requested}' was asked for.", nameof(options));
        }

        using var operation = GenAiTelemetry.Start("embeddings", "onnx", ModelId);
        operation.Activity?.SetTag(GenAiTags.InputCount, texts.Length);
        try
        {
            var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
            long tokens = 0;
            for (var offset = 0; offset < texts.Length; offset += _options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = texts.AsSpan(offset, Math.Min(_options.BatchSize, texts.Length - offset)).ToArray();
                tokens += EmbedBatch(batch, options?.Dimensions, result);
            }
            result.Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens };
            operation.Activity?.SetTag(GenAiTags.EmbeddingsDimensionCount, result.Count > 0 ? result[0].Vector.Length : null);
            operation.Succeed(ModelId, tokens, outputTokens: null);
            return Task.FromResult(result);
        }
        catch (Exception e)
        {
            operation.Fail(e);
            throw;
        }
    }

    private long EmbedBatch(string[] batch, int? dimensions, GeneratedEmbeddings<Embedding<float>> result)
    {
        var encoded = batch.Select(text => _tokenizer.Encode(text, _options.MaxTokens)).ToArray();
        var length = encoded.Max(ids => ids.Length);
        var ids = new long[batch.Length * length];
        var mask = new long[batch.Length * length];
        for (var row = 0; row < encoded.Length; row++)
        {
            // Short rows are padded with [PAD] and masked out.
            ids.AsSpan(row * length, length).Fill(_tokenizer.PadId);
            for (var position = 0; position < encoded[row].Length; position++)
            {
                ids[row * length + position] = encoded[row][position];
                mask[row * length + position] = 1;
            }
        }

        using var idsTensor = _runtime.CreateTensor(ids, batch.Length, length);
        using var maskTensor = _runtime.CreateTensor(mask, batch.Length, length);
        using var typesTensor = _feedsTokenTypes ? _runtime.CreateTensor(new long[ids.Length], batch.Length, length) : null;
        var inputs = new Dictionary<string, OnnxTensor> { [InputIds] = idsTensor, [AttentionMask] = maskTensor };
        if (typesTensor is not null)
        {
            inputs[TokenTypeIds] = typesTensor;
        }
        using var outputs = _session.Run(inputs, [_output]);
        var output = outputs[0];
        var states = output.AsFloats();
        var shape = output.Shape;
        var created = DateTimeOffset.UtcNow;
        for (var row = 0; row < batch.Length; row++)
        {
            float[] vector;
            if (shape.Count == 3 && shape[0] == batch.Length && shape[1] == length)
            {
                var size = (int)shape[2];
                vector = SentencePooling.MeanPool(states.Slice(row * length * size, length * size), mask.AsSpan(row * length, length), size);
            }
            else if (shape.Count == 2 && shape[0] == batch.Length)
            {
                vector = states.Slice(row * (int)shape[1], (int)shape[1]).ToArray();
            }
            else
            {
                throw new OnnxRuntimeException(0, $"Output '{_output}' has shape [{string.Join(", ", shape)}]; expected [{batch.Length}, {length}, dims] or [{batch.Length}, dims].");
            }
            if (dimensions is { } wanted && wanted != vector.Length)
            {
                throw new ArgumentException($"'{ModelId}' makes {vector.Length}-dimensional embeddings; {wanted} were asked for.");
            }
            SentencePooling.Normalize(vector);
            result.Add(new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = created });
        }
        return mask.Sum();
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose() => _session.Dispose();
}
