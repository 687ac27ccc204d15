namespace LifeOS.Onnx.Tests;

/// <summary>16 kHz test signals. The voiced one is a source-filter model of speech: a glottal pulse train with a
/// moving pitch, shaped by three formant resonators that step through the vowels /a/ /i/ /u/ /e/, one syllable
/// every 250 ms. Silero hears it as speech; it hears the tone and the noise as not.</summary>
internal static class SyntheticAudio
{
    private const double Rate = 16_000;

    public static float[] Silence(int samples) => new float[samples];

    public static float[] Noise(int samples, float amplitude = 0.1f, int seed = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, samples).Select(_ => (float)(random.NextDouble() * 2 - 1) * amplitude).ToArray();
    }

    public static float[] Tone(int samples, double hertz = 440, float amplitude = 0.3f) =>
        Enumerable.Range(0, samples).Select(i => amplitude * (float)Math.Sin(2 * Math.PI * hertz * i / Rate)).ToArray();

    public static float[] Voiced(int samples, int seed = 7)
    {
        double[][] vowels = [[730, 1090, 2440], [270, 2290, 3010], [300, 870, 2240], [530, 1840, 2480]];
        var random = new Random(seed);
        var output = new double[samples];
        var previous = new double[3];
        var beforePrevious = new double[3];
        double phase = 0;
        for (var i = 0; i < samples; i++)
        {
            var time = i / Rate;
            var formants = vowels[(int)(time / 0.25) % vowels.Length];
            var pitch = 120 + 20 * Math.Sin(2 * Math.PI * 3 * time) + random.NextDouble() * 2;
            phase += pitch / Rate;
            var source = (random.NextDouble() - 0.5) * 0.02;
            if (phase >= 1)
            {
                phase -= 1;
                source += 1;
            }
            double sum = 0;
            for (var k = 0; k < 3; k++)
            {
                // Two-pole resonator at the formant frequency with a bandwidth of 80-160 Hz.
                var radius = Math.Exp(-Math.PI * (80 + 40 * k) / Rate);
                var y = source + 2 * radius * Math.Cos(2 * Math.PI * formants[k] / Rate) * previous[k] - radius * radius * beforePrevious[k];
                beforePrevious[k] = previous[k];
                previous[k] = y;
                sum += y / (k + 1);
            }
            output[i] = sum * Math.Sin(Math.PI * (time % 0.25 / 0.25));
        }
        var peak = output.Max(Math.Abs);
        return output.Select(value => (float)(value / peak * 0.5)).ToArray();
    }
}
