namespace LifeOS.EndToEnd.Tests;

/// <summary>The text of a failed crash test: what broke, what the kills hit, each client's fate, the seed and the server's log tail.</summary>
internal static class FailureReport
{
    public static string Describe(int seed, string headline, IEnumerable<string> details, IReadOnlyList<IngestingClient> clients, HostProcess server)
    {
        var lines = new List<string> { headline };
        lines.AddRange(details.Take(60));
        lines.AddRange(clients.Select(c => $"client {c.Number} ({string.Join(", ", c.Devices)}): {c.Stats}"));
        lines.Add($"seed {seed}: rerun with {TestSeed.Variable}={seed}");
        lines.Add(server.LogTail());
        return string.Join('\n', lines);
    }
}
