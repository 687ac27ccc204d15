namespace LifeOS.EndToEnd.Tests;

/// <summary>The real LifeOS.Server as a child process on one data folder, which a test can SIGKILL and start again.</summary>
internal static class ServerProcess
{
    public const string Token = "e2e-crash-test-bootstrap-token";

    public static HostProcess Create(string dataDir) => HostProcess.Create("services/LifeOS.Server", new Dictionary<string, string>
    {
        ["LifeOS__DataDir"] = dataDir,
        ["LifeOS__Auth__BootstrapToken"] = Token,
    });
}
