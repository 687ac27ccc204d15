using System.Globalization;

namespace LifeOS.Testing.Agents;

/// <summary>The seed of a test's randomness: fresh each run, printed, and fixed by LIFEOS_E2E_SEED to replay a failure.</summary>
public static class TestSeed
{
    public const string Variable = "LIFEOS_E2E_SEED";

    public static int Choose(ITestOutputHelper output)
    {
        var chosen = Environment.GetEnvironmentVariable(Variable);
        var seed = chosen is null ? Random.Shared.Next() : int.Parse(chosen, CultureInfo.InvariantCulture);
        output.WriteLine($"seed {seed} ({Variable}={seed} replays the same batches and delays; thread timing still varies)");
        return seed;
    }
}
