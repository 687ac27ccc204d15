using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace LifeOS.Security.Tests;

/// <summary>The probe's smaller findings, each kept fixed: shares do not tell which logins exist and are rate-limited,
/// media a browser could render is served as a download, whole-server figures are the operator's, data files are the
/// owner's only, and no header names the server software.</summary>
public sealed class HardeningTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_share_to_an_unknown_login_is_answered_like_one_to_a_real_account_and_reaches_no_one()
    {
        await using var server = new SecureServer();
        var alice = await server.SignUpAsync("alice");
        var bob = await server.SignUpAsync("bob");
        using var client = server.Client(alice.AccessToken);

        using var known = await client.PostAsync("/v1/shares", Http.Json(new JsonObject { ["grantee"] = "bob", ["role"] = "viewer" }));
        using var unknown = await client.PostAsync("/v1/shares", Http.Json(new JsonObject { ["grantee"] = "nobody-by-this-name", ["role"] = "viewer" }));
        Assert.Equal(HttpStatusCode.Created, known.StatusCode);
        Assert.Equal(HttpStatusCode.Created, unknown.StatusCode);
        var (a, b) = ((await known.Content.ReadFromJsonAsync<JsonObject>())!, (await unknown.Content.ReadFromJsonAsync<JsonObject>())!);
        Assert.Equal(a.Select(p => p.Key), b.Select(p => p.Key));
        Assert.Matches("^u_", b["grantee"]!.GetValue<string>());
        Assert.NotEqual(bob.Id, b["grantee"]!.GetValue<string>());

        // Registering the login later does not pick the share up.
        var late = await server.SignUpAsync("nobody-by-this-name");
        using var lateClient = server.Client(late.AccessToken);
        var received = (await lateClient.GetFromJsonAsync<JsonObject>("/v1/shares"))!;
        Assert.Empty(received["received"]!.AsArray());
        using var read = await lateClient.GetAsync("/v1/timeline?user=" + alice.Id);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Fact]
    public async Task Share_creation_is_rate_limited_per_account()
    {
        await using var server = new SecureServer(new Dictionary<string, string?> { ["LifeOS:Limits:SharesPerWindow"] = "3" });
        var alice = await server.SignUpAsync("alice");
        using var client = server.Client(alice.AccessToken);
        for (var i = 0; i < 3; i++)
        {
            using var created = await client.PostAsync("/v1/shares", Http.Json(new JsonObject { ["grantee"] = "probe-" + i, ["role"] = "viewer" }));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // Another token of the same account shares the budget.
        var again = await server.LoginAsync("alice");
        using var other = server.Client(again["accessToken"]!.GetValue<string>());
        using var limited = await other.PostAsync("/v1/shares", Http.Json(new JsonObject { ["grantee"] = "probe-x", ["role"] = "viewer" }));
        await Http.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task Media_is_inline_only_as_the_image_type_found_in_its_bytes_and_anything_else_is_a_download()
    {
        await using var server = new SecureServer();
        var alice = await server.SignUpAsync("alice");
        using var client = server.Client(alice.AccessToken);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8];
        var page = Encoding.UTF8.GetBytes("<html><script>alert(document.domain)</script></html>");
        var pngSha = await UploadAsync(client, 1, png, "image/jpeg");
        var pageSha = await UploadAsync(client, 2, page, "text/html");
        await server.WaitForPersistenceAsync();

        using (var image = await client.GetAsync("/v1/media/" + pngSha))
        {
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
            Assert.Equal("inline", image.Content.Headers.ContentDisposition?.DispositionType);
        }

        using (var html = await client.GetAsync("/v1/media/" + pageSha))
        {
            Assert.Equal(HttpStatusCode.OK, html.StatusCode);
            Assert.Equal("attachment", html.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(page, await html.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Pipeline_lag_over_every_account_is_the_operators_only()
    {
        await using var server = new SecureServer();
        var alice = await server.SignUpAsync("alice");
        using var owner = server.Client(SecureServer.OwnerToken);
        using var user = server.Client(alice.AccessToken);
        using (var allowed = await owner.GetAsync("/v1/pipeline"))
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var refused = await user.GetAsync("/v1/pipeline");
        await Http.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // mode bits are a Unix matter
    public async Task The_data_directory_is_the_owners_only_and_so_is_every_file_in_it()
    {
        await using var server = new SecureServer();
        var alice = await server.SignUpAsync("alice");
        using var client = server.Client(alice.AccessToken);
        await Http.IngestAsync(client, Http.HeartRate("watch", 1, T0, 60, "hr-1"));
        await UploadAsync(client, 2, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3], "image/jpeg");
        await server.WaitForPersistenceAsync();

        const UnixFileMode group = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute;
        const UnixFileMode other = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(server.DataDir) & (group | other));
        var files = Directory.GetFiles(server.DataDir, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith(".db", StringComparison.Ordinal));
        var open = files.Concat(Directory.GetDirectories(server.DataDir, "*", SearchOption.AllDirectories))
            .Where(f => (File.GetUnixFileMode(f) & (group | other)) != 0).ToList();
        Assert.True(open.Count == 0, "readable by others: " + string.Join(", ", open.Select(f => $"{Path.GetRelativePath(server.DataDir, f)} {File.GetUnixFileMode(f)}")));
    }

    [Fact]
    public async Task No_answer_names_the_server_software()
    {
        await using var server = new SecureServer(kestrel: true);
        using var client = server.Client();
        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Empty(health.Headers.Server);
    }

    private static async Task<string> UploadAsync(HttpClient client, long seq, byte[] bytes, string contentType)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("device.image.camera"), "type" },
            { new StringContent("phone"), "device" },
            { new StringContent(seq.ToString(System.Globalization.CultureInfo.InvariantCulture)), "seq" },
            { new StringContent("2026-03-02T08:00:00Z"), "time" },
            { new StringContent("""{"camera":"rear"}"""), "data" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", "upload");
        using var response = await client.PostAsync("/v1/media", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"upload: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["blob"]!["sha256"]!.GetValue<string>();
    }
}
