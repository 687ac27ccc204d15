using LifeOS.Onnx.Audio;

namespace LifeOS.Onnx.Tests;

/// <summary>The binding end to end on a real model: Silero VAD from models/, run window by window with its recurrent state.</summary>
public sealed class SileroVoiceActivityDetectorTests : IDisposable
{
    private const int OneSecond = 16_000;
    private readonly SileroVoiceActivityDetector _detector = new(SharedRuntime.Instance, RepositoryModels.SileroVad, SharedRuntime.Options);

    [Fact]
    public void Silence_is_not_speech()
    {
        var probabilities = _detector.ProcessAll(SyntheticAudio.Silence(OneSecond));

        Assert.Equal(OneSecond / SileroVoiceActivityDetector.WindowSize, probabilities.Length);
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 0.1f));
    }

    [Fact]
    public void Noise_and_a_pure_tone_are_not_speech()
    {
        Assert.All(_detector.ProcessAll(SyntheticAudio.Noise(OneSecond)), p => Assert.InRange(p, 0f, 0.2f));
        _detector.Reset();
        Assert.All(_detector.ProcessAll(SyntheticAudio.Tone(OneSecond)), p => Assert.InRange(p, 0f, 0.2f));
    }

    [Fact]
    public void Voiced_syllables_are_speech()
    {
        var probabilities = _detector.ProcessAll(SyntheticAudio.Voiced(2 * OneSecond));

        Assert.True(probabilities.Max() > 0.9f, $"highest speech probability {probabilities.Max():F3}");
        var speechWindows = probabilities.Count(p => p > 0.5f);
        Assert.True(speechWindows > probabilities.Length / 2, $"{speechWindows} of {probabilities.Length} windows above 0.5");
    }

    [Fact]
    public void Speech_between_silences_is_found_where_it_is()
    {
        float[] audio = [.. SyntheticAudio.Silence(OneSecond), .. SyntheticAudio.Voiced(2 * OneSecond), .. SyntheticAudio.Silence(OneSecond)];
        var probabilities = _detector.ProcessAll(audio);
        var perSecond = OneSecond / SileroVoiceActivityDetector.WindowSize;

        var before = probabilities[..perSecond];
        var during = probabilities[perSecond..(3 * perSecond)];
        // Leave the first half second after the speech out: the model's state decays, it does not snap.
        var after = probabilities[(3 * perSecond + perSecond / 2)..];
        Assert.All(before, p => Assert.InRange(p, 0f, 0.1f));
        Assert.True(during.Average() > 0.5f, $"mean during speech {during.Average():F3}");
        Assert.True(after.Average() < 0.2f, $"mean after speech {after.Average():F3}");
    }

    [Fact]
    public void Reset_starts_a_new_stream()
    {
        var voiced = SyntheticAudio.Voiced(OneSecond);
        var first = _detector.ProcessAll(voiced);
        _detector.Reset();
        var second = _detector.ProcessAll(voiced);

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_window_of_the_wrong_length_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => _detector.Process(new float[500]));
        Assert.Contains("512", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _detector.Dispose();
}
