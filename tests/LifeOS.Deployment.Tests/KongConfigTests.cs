using System.Diagnostics;
using LifeOS.Deployment.Tests.Kong;
using LifeOS.Deployment.Tests.Manifest;

namespace LifeOS.Deployment.Tests;

/// <summary>Kong's declarative config on its own and against the manifest; its routes against the services' real
/// operations are checked in <see cref="DeployedStackTests"/>, where the services run.</summary>
public sealed class KongConfigTests
{
    private static readonly KongConfig Kong = KongConfig.Load();

    [Fact]
    public void Kong_services_point_at_projects_of_the_manifest_on_their_fixed_ports()
    {
        Assert.Empty(KongChecks.ServicesPointAtProjects(Kong, AspireManifest.Load()));
        Assert.Equal(["api", "ingestion"], Kong.Services.Select(s => new Uri(s.Url).Host).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_service_pointing_at_a_resource_that_does_not_exist_is_caught()
    {
        var broken = KongConfig.Parse(File.ReadAllText(KongConfig.FullPath).Replace("http://api:5082", "http://query:5082", StringComparison.Ordinal));

        Assert.Contains("Kong service api points at query, which is no project of the manifest", KongChecks.ServicesPointAtProjects(broken, AspireManifest.Load()));
    }

    [Fact]
    public void The_gateway_runs_DB_less_on_the_mounted_config()
    {
        var gateway = AspireManifest.Load().Resources["gateway"];
        var mount = Assert.Single(gateway.BindMounts);
        var config = gateway.Env["KONG_DECLARATIVE_CONFIG"];

        Assert.Equal("off", gateway.Env["KONG_DATABASE"]);
        Assert.True(mount.ReadOnly);
        Assert.StartsWith(mount.Target + "/", config, StringComparison.Ordinal);
        Assert.Equal(KongConfig.FullPath, Path.GetFullPath(Path.Combine(HostBuilds.RepositoryRoot(), mount.Source, config[(mount.Target.Length + 1)..])));
    }

    [Fact]
    public void Rate_limiting_request_size_limiting_correlation_id_and_CORS_apply_to_every_route()
    {
        Assert.Equal("3.0", Kong.FormatVersion);
        Assert.Superset(new HashSet<string> { "rate-limiting", "request-size-limiting", "correlation-id", "cors" },
            Kong.Plugins.Select(p => p.Name).ToHashSet());
        // Media uploads are the one route allowed bodies beyond the global limit, up to what ingestion itself accepts.
        var media = Kong.Routes.Single(r => r.Route.Name == "ingest-media").Route;
        Assert.Equal("256", Assert.Single(media.Plugins, p => p.Name == "request-size-limiting").Config["allowed_payload_size"]);
    }

    [Fact]
    public async Task Debian_deck_validates_the_file()
    {
        var deck = new[] { "/usr/bin/deck", "/usr/local/bin/deck" }.FirstOrDefault(File.Exists);
        Assert.True(deck is not null, "deck is not installed: run tools/install-test-prerequisites.sh (it installs Debian's deck)");

        var (code, output) = await RunAsync(deck, ["validate", "--state", KongConfig.FullPath]);

        Assert.True(code == 0, $"deck validate failed ({code}): {output}");
        // And deck really checks: a plugin on a service that does not exist is refused.
        using var broken = new TempDirectory();
        var file = Path.Combine(broken.Path, "kong.yaml");
        await File.WriteAllTextAsync(file, File.ReadAllText(KongConfig.FullPath) + "\n  - name: cors\n    service: nowhere\n", TestContext.Current.CancellationToken);
        Assert.NotEqual(0, (await RunAsync(deck, ["validate", "--state", file])).Code);
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }
}
