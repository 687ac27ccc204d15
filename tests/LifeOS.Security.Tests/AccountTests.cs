using System.Net.Http.Json;

namespace LifeOS.Security.Tests;

/// <summary>Accounts, personal access tokens, device tokens and the audit log behave as documented.</summary>
public sealed class AccountTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Registration_refuses_taken_logins_and_weak_passwords_and_can_be_closed()
    {
        await using (var open = new SecureServer())
        {
            await open.SignUpAsync("alice");
            using var anonymous = open.Client();
            using (var taken = await anonymous.PostAsJsonAsync("/v1/auth/register", new { login = "ALICE", password = SecureServer.Password }))
                await Http.AssertProblemAsync(taken, HttpStatusCode.Conflict);
            using (var weak = await anonymous.PostAsJsonAsync("/v1/auth/register", new { login = "bob", password = "short" }))
                await Http.AssertProblemAsync(weak, HttpStatusCode.BadRequest);
            using (var owner = await anonymous.PostAsJsonAsync("/v1/auth/register", new { login = "owner", password = SecureServer.Password }))
                await Http.AssertProblemAsync(owner, HttpStatusCode.Conflict);
        }

        await using var closed = new SecureServer(new Dictionary<string, string?> { ["LifeOS:Auth:OpenRegistration"] = "false" });
        using (var stranger = closed.Client())
        using (var refused = await stranger.PostAsJsonAsync("/v1/auth/register", new { login = "mallory", password = SecureServer.Password }))
            await Http.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        using var admin = closed.Client(SecureServer.OwnerToken);
        using (var created = await admin.PostAsJsonAsync("/v1/auth/register", new { login = "alice", password = SecureServer.Password }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await closed.LoginAsync("alice");
    }

    [Fact]
    public async Task Changing_the_password_ends_other_sessions_and_the_old_password()
    {
        await using var server = new SecureServer();
        var alice = await server.SignUpAsync("alice");
        var other = (await server.LoginAsync("alice"))["accessToken"]!.GetValue<string>();
        using var client = server.Client(alice.AccessToken);
        using (var wrong = await client.PostAsJsonAsync("/v1/auth/password", new { currentPassword = "not the password", newPassword = "a brand new passphrase" }))
            await Http.AssertProblemAsync(wrong, HttpStatusCode.Forbidden);
        using (var changed = await client.PostAsJsonAsync("/v1/auth/password", new { currentPassword = SecureServer.Password, newPassword = "a brand new passphrase" }))
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        using (var kept = await client.GetAsync("/v1/timeline"))
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        using (var ended = server.Client(other))
        using (var refused = await ended.GetAsync("/v1/timeline"))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var anonymous = server.Client();
        using (var old = await anonymous.PostAsJsonAsync("/v1/auth/login", new { login = "alice", password = SecureServer.Password }))
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        await server.LoginAsync("alice", "a brand new passphrase");
    }

    [Fact]
    public async Task A_personal_access_token_can_do_only_its_scopes_and_never_more_than_its_maker()
    {
        await using var server = new SecureServer();
        var alice = await server.SignUpAsync("alice");
        using var client = server.Client(alice.AccessToken);
        var ingestOnly = (await Http.SendJsonAsync(client, HttpMethod.Post, "/v1/tokens",
            new JsonObject { ["name"] = "importer", ["scopes"] = new JsonArray("ingest"), ["expiresInDays"] = 7 }, HttpStatusCode.Created)).AsObject();
        Assert.StartsWith("los_", ingestOnly["token"]!.GetValue<string>(), StringComparison.Ordinal);
        using var importer = server.Client(ingestOnly["token"]!.GetValue<string>());

        await Http.IngestAsync(importer, Http.HeartRate("watch", 1, T0, 60, "hr-1"));
        using (var read = await importer.GetAsync("/v1/timeline"))
            await Http.AssertProblemAsync(read, HttpStatusCode.Forbidden);
        using (var mint = await importer.PostAsJsonAsync("/v1/tokens", new { name = "more", scopes = new[] { "ingest" } }))
            await Http.AssertProblemAsync(mint, HttpStatusCode.Forbidden);

        var reader = (await Http.SendJsonAsync(client, HttpMethod.Post, "/v1/tokens",
            new JsonObject { ["name"] = "reader", ["scopes"] = new JsonArray("read") }, HttpStatusCode.Created))["token"]!.GetValue<string>();
        using var readerClient = server.Client(reader);
        using (var ingest = await readerClient.PostAsync("/v1/ingest", Http.Json(new JsonArray(Http.HeartRate("watch", 2, T0, 61, "hr-2")))))
            await Http.AssertProblemAsync(ingest, HttpStatusCode.Forbidden);
        using (var escalate = await readerClient.PostAsJsonAsync("/v1/tokens", new { name = "x", scopes = new[] { "manage" } }))
            await Http.AssertProblemAsync(escalate, HttpStatusCode.Forbidden);

        foreach (var bad in new object[] { new { name = "x", scopes = new[] { "admin" } }, new { name = "x", scopes = Array.Empty<string>() },
                     new { name = "x", scopes = new[] { "read" }, expiresInDays = 1000 }, new { name = "", scopes = new[] { "read" } } })
        {
            using var refused = await client.PostAsJsonAsync("/v1/tokens", bad);
            await Http.AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        }

        var listed = (await client.GetFromJsonAsync<JsonArray>("/v1/tokens"))!;
        Assert.Equal(["importer", "reader"], listed.Select(t => t!["name"]!.GetValue<string>()).Order());
        Assert.DoesNotContain(ingestOnly["token"]!.GetValue<string>(), listed.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(listed.Single(t => t!["name"]!.GetValue<string>() == "importer")!["lastSeen"]);
    }

    [Fact]
    public async Task A_device_token_sends_only_its_device_and_types_and_its_last_use_is_recorded()
    {
        await using var server = new SecureServer();
        var alice = await server.SignUpAsync("alice");
        using var client = server.Client(alice.AccessToken);
        var device = (await Http.SendJsonAsync(client, HttpMethod.Post, "/v1/devices",
            new JsonObject { ["device"] = "watch", ["types"] = new JsonArray("device.health.heartrate") }, HttpStatusCode.Created)).AsObject();
        using var watch = server.Client(device["token"]!.GetValue<string>());

        var answer = await Http.IngestAsync(watch,
            Http.HeartRate("watch", 1, T0, 60, "hr-1"),
            Http.Event("digital.email", "watch", 2, T0, new JsonObject { ["subject"] = "s", ["from"] = "a@b.c" }, "mail"),
            Http.HeartRate("phone", 1, T0, 61, "other-device"));
        Assert.Equal(1, answer["accepted"]!.GetValue<int>());
        var errors = answer["rejected"]!.AsArray().Select(r => r!["error"]!.GetValue<string>()).ToList();
        Assert.Contains(errors, e => e.Contains("may not send 'digital.email'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("device:", StringComparison.Ordinal));

        foreach (var (body, field) in new[] { (new JsonObject { ["device"] = "x", ["types"] = new JsonArray("no.such.type") }, "types"),
                     (new JsonObject { ["device"] = "" }, "device"), (new JsonObject { ["device"] = "x", ["types"] = new JsonArray() }, "types") })
        {
            using var refused = await client.PostAsync("/v1/devices", Http.Json(body));
            await Http.AssertProblemAsync(refused, HttpStatusCode.BadRequest);
            Assert.Contains($"\"field\":\"{field}\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var devices = (await client.GetFromJsonAsync<JsonArray>("/v1/devices"))!;
        var listed = Assert.Single(devices)!;
        Assert.Equal(["device.health.heartrate"], listed["eventTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.NotNull(listed["lastSeen"]);
        Assert.Equal(["ingest"], listed["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task The_audit_log_records_logins_failures_tokens_devices_and_shares_for_its_owner_only()
    {
        await using var server = new SecureServer();
        var alice = await server.SignUpAsync("alice");
        var bob = await server.SignUpAsync("bob");
        using var anonymous = server.Client();
        using (await anonymous.PostAsJsonAsync("/v1/auth/login", new { login = "alice", password = "wrong password!" }))
        {
        }

        using var client = server.Client(alice.AccessToken);
        var token = (await Http.SendJsonAsync(client, HttpMethod.Post, "/v1/tokens",
            new JsonObject { ["name"] = "t", ["scopes"] = new JsonArray("read") }, HttpStatusCode.Created))["id"]!.GetValue<string>();
        await Http.SendJsonAsync(client, HttpMethod.Delete, "/v1/tokens/" + token, null, HttpStatusCode.NoContent);
        await Http.SendJsonAsync(client, HttpMethod.Post, "/v1/devices", new JsonObject { ["device"] = "watch" }, HttpStatusCode.Created);
        await Http.SendJsonAsync(client, HttpMethod.Delete, "/v1/devices/watch", null, HttpStatusCode.NoContent);
        var share = (await Http.SendJsonAsync(client, HttpMethod.Post, "/v1/shares",
            new JsonObject { ["grantee"] = "bob", ["role"] = "collaborator" }, HttpStatusCode.Created))["id"]!.GetValue<string>();
        await Http.SendJsonAsync(client, HttpMethod.Delete, "/v1/shares/" + share, null, HttpStatusCode.NoContent);

        var actions = new List<string>();
        string? next = null;
        do
        {
            var page = await Http.GetJsonAsync(client, "/v1/audit?limit=3" + (next is null ? "" : "&before=" + next));
            actions.AddRange(page["items"]!.AsArray().Select(i => i!["action"]!.GetValue<string>()));
            next = page["next"]?.GetValue<string>();
        }
        while (next is not null);

        Assert.Equal(["share.revoked", "share.created", "device.revoked", "device.created", "token.revoked", "token.created",
            "login.failed", "login", "account.registered"], actions);
        var bobs = await Http.GetJsonAsync(server.Client(bob.AccessToken), "/v1/audit");
        Assert.Equal(["share.revoked", "share.created", "login", "account.registered"],
            bobs["items"]!.AsArray().Select(i => i!["action"]!.GetValue<string>()));
        using var device = server.Client(SecureServer.OwnerToken);
        Assert.DoesNotContain(alice.Id, await device.GetStringAsync("/v1/audit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bootstrap_token_with_dots_is_still_a_personal_access_token()
    {
        const string dotted = "owner.bootstrap.token-with-dots";
        await using var server = new SecureServer(new Dictionary<string, string?> { ["LifeOS:Auth:BootstrapToken"] = dotted });
        using var owner = server.Client(dotted);
        using var response = await owner.GetAsync("/v1/timeline");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
