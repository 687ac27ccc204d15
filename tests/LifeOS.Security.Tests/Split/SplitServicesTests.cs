using System.Net.Http.Json;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace LifeOS.Security.Tests.Split;

/// <summary>The same access control in the split deployment: tokens from the API work on every ingestion replica,
/// Bob reaches nothing of Alice's through any API route (enumerated from the API's OpenAPI document, which is generated
/// from its endpoint data source), revocations reach every replica, rate budgets are shared through Redis, and deleting
/// data empties PostgreSQL and the blob folder.</summary>
[Collection(SplitCollection.Name)]
public sealed class SplitServicesTests(SplitStack stack) : IClassFixture<SplitStack>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private const string ClipboardSecret = "SPLIT-CLIPBOARD-SECRET";
    private static readonly string[] ReadRoutes = ["GET /v1/timeline", "GET /v1/metrics/{type}", "GET /v1/devices/{device}/ledger", "GET /v1/media/{sha256}"];

    private static string Unique(string login) => login + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<(User Alice, string Sha)> SeedAliceAsync()
    {
        var alice = await stack.SignUpAsync(Unique("alice"));
        using (var first = stack.IngestClient(0, alice.AccessToken))
            await Http.IngestAsync(first, Http.HeartRate("watch", 1, T0, 60, "hr-1"), Http.HeartRate("watch", 2, T0.AddHours(1), 70, "hr-2"));
        string sha;
        using (var second = stack.IngestClient(1, alice.AccessToken))
        {
            await Http.IngestAsync(second, Http.Event("digital.clipboard", "laptop", 1, T0.AddHours(1), new JsonObject { ["content"] = ClipboardSecret }, "clip"));
            sha = (await Http.UploadPhotoAsync(second, "phone", 1, T0.AddHours(2), [0xFF, 0xD8, .. Encoding.UTF8.GetBytes(alice.Id)], "photo"))["blob"]!["sha256"]!
                .GetValue<string>();
        }

        await stack.WaitForPersistenceAsync();
        return (alice, sha);
    }

    /// <summary>Every (method, path template) the API maps, from its OpenAPI document.</summary>
    private async Task<List<(string Method, string Path)>> ApiRoutesAsync()
    {
        using var anonymous = stack.ApiClient(null);
        var document = (await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var routes = new List<(string, string)>();
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, _) in operations!.AsObject())
                routes.Add((method.ToUpperInvariant(), path));
        }

        return routes;
    }

    [Fact(Timeout = 300_000)]
    public async Task Bob_reaches_nothing_of_alice_through_any_api_route_and_a_share_opens_only_its_part()
    {
        var (alice, sha) = await SeedAliceAsync();
        var bob = await stack.SignUpAsync(Unique("bob"));
        using var aliceApi = stack.ApiClient(alice.AccessToken);
        var ids = Http.Ids(await Http.TimelineAsync(aliceApi));
        Assert.Equal(["hr-1", "clip", "hr-2", "photo"], ids);
        var routes = await ApiRoutesAsync();
        foreach (var known in ReadRoutes.Concat(["POST /v1/devices", "DELETE /v1/account", "POST /v1/shares", "GET /v1/audit"]))
            Assert.Contains(known, routes.Select(r => $"{r.Method} {r.Path}"));

        var values = new Dictionary<string, string>
        {
            ["{type}"] = "digital.clipboard", ["{device}"] = "laptop", ["{sha256}"] = sha, ["{id}"] = "x", ["{name}"] = "calendar", ["{documentName}"] = "v1",
        };
        var failures = new List<string>();
        using var bobApi = stack.ApiClient(bob.AccessToken);
        foreach (var (method, template) in routes)
        {
            var path = values.Aggregate(template, (p, v) => p.Replace(v.Key, Uri.EscapeDataString(v.Value), StringComparison.Ordinal));
            foreach (var query in new[] { "", $"?user={alice.Id}", $"?user={alice.Id}&types=digital.clipboard&from=2026-01-01T00:00:00Z&confirm={alice.Login}" })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path + query);
                if (method is "POST" or "PUT")
                    request.Content = Http.Json(new JsonObject { ["grantee"] = alice.Login, ["role"] = "viewer", ["login"] = alice.Login, ["password"] = "wrong password x" });
                using var response = await bobApi.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var what = $"{method} {path}{query} → {(int)response.StatusCode}";
                if ((int)response.StatusCode >= 500)
                    failures.Add(what + ": server error");
                if (new[] { ClipboardSecret, alice.Id, "hr-1", "hr-2" }.FirstOrDefault(m => text.Contains(m, StringComparison.Ordinal)) is { } leaked)
                    failures.Add($"{what}: holds alice's '{leaked}'");
                if (query.Length > 0 && ReadRoutes.Contains($"{method} {template}") && response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.BadRequest))
                    failures.Add(what + ": must be 403 without a share");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures) + "\n" + stack.LogTails());
        Assert.Equal(ids, Http.Ids(await Http.TimelineAsync(aliceApi)));

        // The walk logged Bob out (POST /v1/auth/logout is a route too): he logs in again.
        using var anonymous = stack.ApiClient(null);
        using var login = await anonymous.PostAsJsonAsync("/v1/auth/login", new { login = bob.Login, password = SecureServer.Password });
        using var bobAgain = stack.ApiClient((await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        await Http.SendJsonAsync(aliceApi, HttpMethod.Post, "/v1/shares", new JsonObject
        {
            ["grantee"] = bob.Login, ["role"] = "viewer", ["types"] = new JsonArray("device.health.heartrate"), ["from"] = "2026-03-02T08:30:00Z",
        }, HttpStatusCode.Created);
        Assert.Equal(["hr-2"], Http.Ids(await Http.TimelineAsync(bobAgain, "user=" + alice.Id)));
        using (var media = await bobAgain.GetAsync($"/v1/media/{sha}?user={alice.Id}"))
            Assert.Equal(HttpStatusCode.NotFound, media.StatusCode);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_revoked_device_token_is_refused_by_every_ingestion_replica()
    {
        var alice = await stack.SignUpAsync(Unique("alice"));
        using var api = stack.ApiClient(alice.AccessToken);
        var device = (await Http.SendJsonAsync(api, HttpMethod.Post, "/v1/devices",
            new JsonObject { ["device"] = "watch", ["types"] = new JsonArray("device.health.heartrate") }, HttpStatusCode.Created)).AsObject();
        var token = device["token"]!.GetValue<string>();
        for (var replica = 0; replica < 2; replica++)
        {
            using var watch = stack.IngestClient(replica, token);
            await Http.IngestAsync(watch, Http.HeartRate("watch", 1 + replica, T0.AddMinutes(replica), 60, $"d-{replica}"));
            using var mail = await watch.PostAsync("/v1/ingest", Http.Json(new JsonArray(
                Http.Event("digital.email", "watch", 10 + replica, T0, new JsonObject { ["subject"] = "s", ["from"] = "a@b.c" }, $"m-{replica}"))));
            Assert.Contains("may not send 'digital.email'", await mail.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var query = stack.ApiClient(token))
        using (var refused = await query.GetAsync("/v1/timeline"))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        await Http.SendJsonAsync(api, HttpMethod.Delete, "/v1/devices/watch", null, HttpStatusCode.NoContent);
        // Replicas cache a token for a few seconds (CredentialCache.CacheFor); after that every one refuses it.
        for (var replica = 0; replica < 2; replica++)
        {
            using var watch = stack.IngestClient(replica, token);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            HttpStatusCode status;
            do
            {
                using var response = await watch.PostAsync("/v1/ingest", Http.Json(new JsonArray(Http.HeartRate("watch", 100, T0, 60, "late"))));
                status = response.StatusCode;
                if (status != HttpStatusCode.Unauthorized)
                    await Task.Delay(250);
            }
            while (status != HttpStatusCode.Unauthorized && DateTime.UtcNow < deadline);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task Forged_tokens_are_refused_by_the_api_and_by_every_ingestion_replica()
    {
        var alice = await stack.SignUpAsync(Unique("alice"));
        var valid = new JsonWebToken(alice.AccessToken);
        string Forge(byte[] key, string algorithm = SecurityAlgorithms.HmacSha256) => new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
            new SecurityTokenDescriptor
            {
                Issuer = "lifeos", Audience = "lifeos-api", NotBefore = DateTime.UtcNow.AddSeconds(-5), Expires = DateTime.UtcNow.AddMinutes(5), TokenType = "at+jwt",
                SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key) { KeyId = "configured" }, algorithm),
                Claims = new Dictionary<string, object> { ["sub"] = alice.Id, ["sid"] = valid.GetClaim("sid").Value, ["scope"] = "ingest manage read" },
            });
        var parts = alice.AccessToken.Split('.');
        var none = Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""") + "." + parts[1] + ".";

        // The control: a token made with the deployment's key works everywhere.
        var control = Forge(stack.SigningKey);
        foreach (var (token, expected) in new[] { (control, true), (Forge(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64)), false),
                     (Forge(stack.SigningKey, SecurityAlgorithms.HmacSha512), false), (none, false), (alice.RefreshToken, false) })
        {
            foreach (var client in new[] { stack.ApiClient(token), stack.IngestClient(0, token), stack.IngestClient(1, token) })
            {
                using (client)
                using (var response = await client.GetAsync(client.BaseAddress!.Port == stack.Api.BaseAddress.Port ? "/v1/timeline" : "/v1/stream"))
                {
                    // The ingestion services answer a plain GET on the stream route with 400 once authenticated.
                    Assert.True(expected ? response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest : response.StatusCode == HttpStatusCode.Unauthorized,
                        $"{client.BaseAddress}: {(int)response.StatusCode} for a token that should {(expected ? "" : "not ")}work");
                }
            }
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task The_ingestion_replicas_share_one_request_budget_per_credential_through_redis()
    {
        var alice = await stack.SignUpAsync(Unique("alice"));
        using var api = stack.ApiClient(alice.AccessToken);
        var pat = (await Http.SendJsonAsync(api, HttpMethod.Post, "/v1/tokens",
            new JsonObject { ["name"] = "flood", ["scopes"] = new JsonArray("ingest") }, HttpStatusCode.Created))["token"]!.GetValue<string>();
        using var first = stack.IngestClient(0, pat);
        using var second = stack.IngestClient(1, pat);

        // Exactly the budget, alternating replicas: all pass.
        for (var i = 0; i < SplitStack.RequestsPerMinute; i++)
        {
            using var response = await (i % 2 == 0 ? first : second).GetAsync("/v1/stream");
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"request {i}: {(int)response.StatusCode}");
        }

        // Counted per replica, each would have seen only half its budget; shared through Redis, both are out of it.
        for (var i = 0; i < 20; i++)
        {
            using var response = await (i % 2 == 0 ? first : second).GetAsync("/v1/stream");
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.InRange(response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task Deleting_data_and_then_the_account_empties_postgres_and_the_blob_folder_and_keeps_the_audit_log()
    {
        var (alice, sha) = await SeedAliceAsync();
        using var api = stack.ApiClient(alice.AccessToken);
        await Http.SendJsonAsync(api, HttpMethod.Put, "/v1/integrations/calendar", new JsonObject { ["secret"] = "SPLIT-OAUTH-SECRET" }, HttpStatusCode.NoContent);
        Assert.Equal(4L, await CountAsync("SELECT count(*) FROM events WHERE user_id = $1", alice.Id));
        var blob = Path.Combine(stack.BlobsPath, sha[..2], sha[2..4], sha);
        Assert.True(File.Exists(blob));
        var ciphertext = await ScalarAsync<byte[]>("SELECT ciphertext FROM integration_secrets WHERE user_id = $1", alice.Id);
        Assert.Equal(-1, ciphertext.AsSpan().IndexOf("SPLIT-OAUTH-SECRET"u8));
        Assert.True(await CountAsync("SELECT count(*) FROM data_protection_keys WHERE $1 <> ''", alice.Id) >= 1);

        var removed = (await Http.SendJsonAsync(api, HttpMethod.Delete, "/v1/data?from=2026-03-02T08:30:00Z", null, HttpStatusCode.OK))["removed"]!;
        Assert.Equal(3, removed["store"]!.GetValue<long>());
        Assert.Equal(["hr-1"], Http.Ids(await Http.TimelineAsync(api)));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM events WHERE user_id = $1", alice.Id));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM media WHERE user_id = $1", alice.Id));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM samples WHERE user_id = $1", alice.Id));
        Assert.False(File.Exists(blob));

        await Http.SendJsonAsync(api, HttpMethod.Delete, "/v1/account?confirm=" + alice.Login, null, HttpStatusCode.OK);
        foreach (var (table, column) in new[] { ("events", "user_id"), ("samples", "user_id"), ("devices", "user_id"), ("seq_runs", "user_id"),
                     ("users", "id"), ("tokens", "user_id"), ("sessions", "user_id"), ("refresh_tokens", "user_id"), ("integration_secrets", "user_id") })
            Assert.True(await CountAsync($"SELECT count(*) FROM {table} WHERE {column} = $1", alice.Id) == 0, $"{table} still holds rows of alice");
        Assert.True(await CountAsync("SELECT count(*) FROM audit_log WHERE user_id = $1 AND action = 'account.deleted'", alice.Id) == 1);
        using var refused = await api.GetAsync("/v1/timeline");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private async Task<long> CountAsync(string sql, string user) => await ScalarAsync<long>(sql, user);

    private async Task<T> ScalarAsync<T>(string sql, string user)
    {
        await using var source = NpgsqlDataSource.Create(stack.Database);
        await using var command = source.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user });
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
