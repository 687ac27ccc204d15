namespace LifeOS.Onnx.Audio;

/// <summary>Speech probability for 16 kHz mono audio, window by window, from the Silero VAD v5 ONNX model
/// (models/silero_vad.onnx). The model is recurrent: one detector follows one audio stream, in order.</summary>
public sealed class SileroVoiceActivityDetector : IDisposable
{
    /// <summary>The sample rate the detector expects.</summary>
    public const int SampleRate = 16_000;

    /// <summary>Samples per window (32 ms at 16 kHz).</summary>
    public const int WindowSize = 512;

    // Silero v5 reads each window with the last 64 samples of the previous one in front of it.
    private const int ContextSize = 64;
    private const int StateSize = 2 * 1 * 128;

    private readonly OnnxRuntime _runtime;
    private readonly OnnxSession _session;
    private readonly OnnxTensor _sampleRate;
    private readonly float[] _input = new float[ContextSize + WindowSize];
    private float[] _state = new float[StateSize];

    /// <summary>Opens the model at <paramref name="modelPath"/>.</summary>
    public SileroVoiceActivityDetector(OnnxRuntime runtime, string modelPath, OnnxSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        _session = runtime.OpenSession(modelPath, options);
        string[] expected = ["input", "state", "sr"];
        if (!expected.All(_session.InputNames.Contains) || _session.OutputNames.Count < 2)
        {
            _session.Dispose();
            throw new ArgumentException($"'{modelPath}' is not a Silero VAD v5 model: inputs {string.Join(", ", _session.InputNames)}, outputs {string.Join(", ", _session.OutputNames)}.");
        }
        _sampleRate = runtime.CreateTensor([(long)SampleRate], ReadOnlySpan<long>.Empty);
    }

    /// <summary>The probability (0 to 1) that <paramref name="window"/>, exactly <see cref="WindowSize"/> samples in
    /// [-1, 1] following the previous window, holds speech.</summary>
    public float Process(ReadOnlySpan<float> window)
    {
        if (window.Length != WindowSize)
        {
            throw new ArgumentException($"Silero VAD reads windows of {WindowSize} samples at {SampleRate} Hz; got {window.Length}.", nameof(window));
        }
        window.CopyTo(_input.AsSpan(ContextSize));
        using var input = _runtime.CreateTensor(_input, 1, _input.Length);
        using var state = _runtime.CreateTensor(_state, 2, 1, 128);
        using var outputs = _session.Run(new Dictionary<string, OnnxTensor> { ["input"] = input, ["state"] = state, ["sr"] = _sampleRate });
        var probability = outputs[0].AsFloats()[0];
        _state = outputs[1].AsFloats().ToArray();
        // The tail of this window is the next one's context.
        _input.AsSpan(_input.Length - ContextSize).CopyTo(_input);
        return probability;
    }

    /// <summary>Speech probabilities of each whole window of <paramref name="audio"/>; a trailing partial window is left out.</summary>
    public float[] ProcessAll(ReadOnlySpan<float> audio)
    {
        var probabilities = new float[audio.Length / WindowSize];
        for (var i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = Process(audio.Slice(i * WindowSize, WindowSize));
        }
        return probabilities;
    }

    /// <summary>Forgets the stream so far, for a new one.</summary>
    public void Reset()
    {
        _state = new float[StateSize];
        Array.Clear(_input);
    }

    public void Dispose()
    {
        _sampleRate.Dispose();
        _session.Dispose();
    }
}
