using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using LifeOS.Knowledge.Web;
using LifeOS.Testing.Servers;
using Microsoft.AspNetCore.Http;

namespace LifeOS.Security.Tests;

/// <summary>Server-side request forgery through knowledge links: the URL step fetches public addresses on allowed ports
/// only, judged at connect time (so names that resolve to loopback and redirects to private addresses are refused too),
/// and its failure reasons do not tell what listens where.</summary>
public sealed class UrlFetchTests : IAsyncLifetime
{
    private const string Secret = "quokkapanelsecret";
    private readonly ConcurrentQueue<string> _requests = new();
    private LocalWebServer _internal = null!;
    private string Port => _internal.BaseAddress.Port.ToString(CultureInfo.InvariantCulture);

    public async ValueTask InitializeAsync() => _internal = await LocalWebServer.StartAsync(async context =>
    {
        _requests.Enqueue(context.Request.Host + context.Request.Path);
        if (context.Request.Path.StartsWithSegments("/redirect"))
        {
            context.Response.Redirect(context.Request.Query["to"].ToString());
            return;
        }

        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync($"<html><body><article><p>{Secret} for the admin panel</p></article></body></html>");
    });

    public async ValueTask DisposeAsync() => await _internal.DisposeAsync();

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("192.0.2.10")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002:a00:1::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("2001:db8::1")]
    [InlineData("2001:0::1")]
    public void Non_public_addresses_are_recognised_in_every_form(string address) =>
        Assert.False(PublicAddress.IsPublic(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("::ffff:93.184.215.14")]
    [InlineData("64:ff9b::5db8:d70e")]
    [InlineData("2606:4700:4700::1111")]
    public void Public_addresses_are_public(string address) =>
        Assert.True(PublicAddress.IsPublic(IPAddress.Parse(address)), address);

    [Fact]
    public async Task Loopback_private_and_metadata_urls_names_that_resolve_to_loopback_and_redirects_to_them_are_refused()
    {
        // The operator allows 127.0.0.1 by name (a home server), and the test server's port: the control below proves the
        // fetch works, so each refusal is the policy's.
        await using var server = new SecureServer(new Dictionary<string, string?>
        {
            ["LifeOS:Knowledge:UrlFetch:AllowedPrivateHosts:0"] = "127.0.0.1",
            ["LifeOS:Knowledge:UrlFetch:AllowedPorts:0"] = Port,
            ["LifeOS:Knowledge:UrlFetch:AllowedPorts:1"] = "80",
        });
        var alice = await server.SignUpAsync("alice");
        using var client = server.Client(alice.AccessToken);

        var allowed = await SubmitAsync(client, $"http://127.0.0.1:{Port}/page");
        string[] refused =
        [
            $"http://localhost:{Port}/page", // a name that resolves to loopback
            $"http://[::1]:{Port}/page",
            $"http://[::ffff:127.0.0.1]:{Port}/page",
            $"http://0.0.0.0:{Port}/page",
            $"http://127.0.0.2:{Port}/page",
            "http://169.254.169.254/latest/meta-data/",
            $"http://127.0.0.1:{Port}/redirect?to=" + Uri.EscapeDataString($"http://localhost:{Port}/page"),
            $"http://127.0.0.1:{Port}/redirect?to=" + Uri.EscapeDataString($"http://[::ffff:7f00:1]:{Port}/page"),
            "http://127.0.0.1:1/page", // a port not on the allow-list
        ];
        var refusedIds = new List<string>();
        foreach (var url in refused)
            refusedIds.Add(await SubmitAsync(client, url));
        await server.WaitForPersistenceAsync();

        var control = await ItemAsync(client, allowed);
        Assert.True(control["status"]!.GetValue<string>() == "ok", "the allowed fetch failed: " + control);
        for (var i = 0; i < refused.Length; i++)
        {
            var item = await ItemAsync(client, refusedIds[i]);
            var reason = item["reason"]?.GetValue<string>() ?? "";
            Assert.True(item["status"]!.GetValue<string>() == "failed" && reason.StartsWith("fetch refused: ", StringComparison.Ordinal),
                $"{refused[i]}: {item}");
            Assert.Equal(0, item["chunks"]!.GetValue<int>());
        }

        // The internal server saw the allowed page and the two redirects, and nothing the policy refused.
        Assert.Equal(["127.0.0.1:" + Port + "/page", "127.0.0.1:" + Port + "/redirect", "127.0.0.1:" + Port + "/redirect"], _requests.Order());
        var found = await client.GetFromJsonAsync<JsonObject>("/v1/search?q=" + Secret);
        Assert.Equal([allowed], found!["hits"]!.AsArray().Select(h => h!["sourceId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task By_default_loopback_is_refused_alike_whether_a_port_is_open_or_closed()
    {
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var closedPort = ((IPEndPoint)closed.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        closed.Stop();
        await using var server = new SecureServer(new Dictionary<string, string?>
        {
            ["LifeOS:Knowledge:UrlFetch:AllowedPorts:0"] = Port,
            ["LifeOS:Knowledge:UrlFetch:AllowedPorts:1"] = closedPort,
        });
        var alice = await server.SignUpAsync("alice");
        using var client = server.Client(alice.AccessToken);

        var open = await SubmitAsync(client, $"http://127.0.0.1:{Port}/page");
        var shut = await SubmitAsync(client, $"http://127.0.0.1:{closedPort}/page");
        await server.WaitForPersistenceAsync();

        var openReason = (await ItemAsync(client, open))["reason"]!.GetValue<string>();
        var shutReason = (await ItemAsync(client, shut))["reason"]!.GetValue<string>();
        Assert.StartsWith("fetch refused: ", openReason, StringComparison.Ordinal);
        Assert.Equal(openReason, shutReason);
        Assert.Empty(_requests);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://127.0.0.1:70/")]
    [InlineData("http://user:password@example.com/")]
    [InlineData("not a url")]
    public async Task Urls_that_are_not_plain_http_or_https_are_refused_at_submission(string url)
    {
        await using var server = new SecureServer();
        var alice = await server.SignUpAsync("alice");
        using var client = server.Client(alice.AccessToken);
        using var response = await client.PostAsync("/v1/knowledge", Http.Json(new JsonObject { ["kind"] = "link", ["url"] = url }));
        await Http.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("\"field\":\"url\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> SubmitAsync(HttpClient client, string url)
    {
        using var response = await client.PostAsync("/v1/knowledge", new StringContent(
            new JsonObject { ["kind"] = "link", ["url"] = url }.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    private static async Task<JsonObject> ItemAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonObject>("/v1/knowledge/" + id))!;
}
