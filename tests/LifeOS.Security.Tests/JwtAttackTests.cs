using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using LifeOS.Identity;
using LifeOS.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LifeOS.Security.Tests;

/// <summary>Forged, altered, expired and misused tokens are all refused (RFC 8725); the control case shows a correctly
/// made token is accepted, so each refusal is down to the one thing that was changed.</summary>
public sealed class JwtAttackTests : IAsyncLifetime
{
    private readonly SecureServer _server = new();
    private User _alice = null!;
    private string _session = "";

    public async ValueTask InitializeAsync()
    {
        _alice = await _server.SignUpAsync("alice");
        _session = new JsonWebToken(_alice.AccessToken).GetClaim("sid").Value;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    /// <summary>A token as the server makes them, with one thing changed by <paramref name="change"/>.</summary>
    private string Forge(Action<SecurityTokenDescriptor> change, string session) =>
        Forge(d =>
        {
            change(d);
            d.Claims["sid"] = session;
        });

    private string Forge(Action<SecurityTokenDescriptor>? change = null, string algorithm = SecurityAlgorithms.HmacSha256, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = SecureServer.Issuer,
            Audience = SecureServer.Audience,
            IssuedAt = now,
            NotBefore = now.AddSeconds(-5),
            Expires = now.AddMinutes(5),
            TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(key ?? ServerKey(), algorithm),
            Claims = new Dictionary<string, object> { ["sub"] = _alice.Id, ["sid"] = _session, ["scope"] = "ingest manage read" },
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    // The key id the server puts in its tokens; forgeries carry it too, so only the changed part can be what fails.
    private SymmetricSecurityKey ServerKey() => new(_server.SigningKey) { KeyId = "configured" };

    private async Task<HttpStatusCode> TimelineStatusAsync(string token)
    {
        using var client = _server.Client(token);
        using var response = await client.GetAsync("/v1/timeline");
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            Assert.Equal(Http.ProblemJson, response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(token, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        return response.StatusCode;
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task The_control_a_correctly_made_token_is_accepted()
    {
        Assert.Equal(HttpStatusCode.OK, await TimelineStatusAsync(Forge()));
        Assert.Equal(HttpStatusCode.OK, await TimelineStatusAsync(_alice.AccessToken));
    }

    [Fact]
    public async Task A_token_whose_session_belongs_to_another_account_is_refused()
    {
        // Signed with the real key, live session, real subject: only the pairing is wrong.
        var bob = await _server.SignUpAsync("bob");
        var bobsSession = new JsonWebToken(bob.AccessToken).GetClaim("sid").Value;
        Assert.Equal(HttpStatusCode.OK, await TimelineStatusAsync(Forge(d => d.Claims["sub"] = bob.Id, bobsSession)));
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(d => d.Claims["sub"] = _alice.Id, bobsSession)));
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(d => d.Claims["sub"] = bob.Id)));
    }

    [Fact]
    public async Task Alg_none_is_refused_with_or_without_a_signature()
    {
        var valid = Forge().Split('.');
        var header = Base64Url("""{"alg":"none","typ":"at+jwt"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync($"{header}.{valid[1]}."));
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync($"{header}.{valid[1]}.{valid[2]}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync($"{Base64Url("""{"alg":"None","typ":"at+jwt"}""")}.{valid[1]}."));
    }

    [Theory]
    [InlineData(SecurityAlgorithms.HmacSha384)]
    [InlineData(SecurityAlgorithms.HmacSha512)]
    public async Task Another_hmac_algorithm_with_the_right_key_is_refused(string algorithm)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(algorithm: algorithm)));
    }

    [Fact]
    public async Task An_rs256_token_is_refused()
    {
        using var rsa = RSA.Create(2048);
        Assert.Equal(HttpStatusCode.Unauthorized,
            await TimelineStatusAsync(Forge(algorithm: SecurityAlgorithms.RsaSha256, key: new RsaSecurityKey(rsa) { KeyId = "configured" })));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized,
            await TimelineStatusAsync(Forge(key: new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(48)) { KeyId = "configured" })));
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(key: new SymmetricSecurityKey(_server.SigningKey) { KeyId = "other" })));
    }

    [Fact]
    public async Task A_wrong_audience_or_issuer_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(d => d.Audience = "another-api")));
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(d => d.Audience = null)));
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(d => d.Issuer = "https://evil.example")));
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(d => d.Issuer = null)));
    }

    [Fact]
    public async Task Expired_not_yet_valid_and_timeless_tokens_are_refused()
    {
        var now = DateTime.UtcNow;
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(d => (d.NotBefore, d.Expires) = (now.AddHours(-2), now.AddHours(-1)))));
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(d => (d.NotBefore, d.Expires) = (now.AddHours(1), now.AddHours(2)))));
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(d => d.NotBefore = null)));
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(d => d.Expires = null)));
    }

    [Fact]
    public async Task A_token_of_another_type_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(d => d.TokenType = "JWT")));
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(d => d.TokenType = "rt+jwt")));
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(d => d.TokenType = null)));
    }

    [Fact]
    public async Task An_altered_payload_breaks_the_signature()
    {
        var parts = _alice.AccessToken.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["sub"] = "owner";
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync($"{parts[0]}.{Base64Url(payload.ToJsonString())}.{parts[2]}"));
    }

    [Fact]
    public async Task A_token_naming_no_live_session_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(d => d.Claims["sid"] = "s_made_up")));
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(Forge(d => d.Claims.Remove("sid"))));
    }

    [Fact]
    public async Task Refresh_and_access_tokens_are_not_interchangeable()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(_alice.RefreshToken));

        using var anonymous = _server.Client();
        using var refreshWithAccess = await anonymous.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = _alice.AccessToken });
        await Http.AssertProblemAsync(refreshWithAccess, HttpStatusCode.Unauthorized);
        using var refreshWithPat = await anonymous.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = SecureServer.OwnerToken });
        await Http.AssertProblemAsync(refreshWithPat, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logging_out_ends_the_access_token_and_its_refresh_token()
    {
        using (var client = _server.Client(_alice.AccessToken))
        using (var logout = await client.PostAsync("/v1/auth/logout", null))
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(_alice.AccessToken));
        using var anonymous = _server.Client();
        using var refresh = await anonymous.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = _alice.RefreshToken });
        await Http.AssertProblemAsync(refresh, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_its_reuse_ends_the_whole_session()
    {
        using var anonymous = _server.Client();
        using var first = await anonymous.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = _alice.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var rotated = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        var nextRefresh = rotated["refreshToken"]!.GetValue<string>();
        var nextAccess = rotated["accessToken"]!.GetValue<string>();
        Assert.NotEqual(_alice.RefreshToken, nextRefresh);
        Assert.Equal(HttpStatusCode.OK, await TimelineStatusAsync(nextAccess));

        // The old token again: a thief replaying it, or the owner after a thief used it. Either way the family ends.
        using var replay = await anonymous.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = _alice.RefreshToken });
        await Http.AssertProblemAsync(replay, HttpStatusCode.Unauthorized);
        using var next = await anonymous.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = nextRefresh });
        await Http.AssertProblemAsync(next, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(nextAccess));
    }

    [Fact]
    public async Task A_revoked_device_token_is_refused_and_a_device_token_may_not_query()
    {
        using var alice = _server.Client(_alice.AccessToken);
        var device = (await Http.SendJsonAsync(alice, HttpMethod.Post, "/v1/devices", new JsonObject { ["device"] = "watch" }, HttpStatusCode.Created)).AsObject();
        var token = device["token"]!.GetValue<string>();
        using var watch = _server.Client(token);
        await Http.IngestAsync(watch, Http.HeartRate("watch", 1, DateTimeOffset.UtcNow, 60, "hr-1"));

        Assert.Equal(HttpStatusCode.Forbidden, await TimelineStatusAsync(token));
        using (var devices = await watch.GetAsync("/v1/devices"))
            await Http.AssertProblemAsync(devices, HttpStatusCode.Forbidden);

        using (var revoke = await alice.DeleteAsync("/v1/devices/watch"))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using var refused = await watch.PostAsync("/v1/ingest", Http.Json(new JsonArray(Http.HeartRate("watch", 2, DateTimeOffset.UtcNow, 61, "hr-2"))));
        await Http.AssertProblemAsync(refused, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_or_revoked_personal_access_token_is_refused()
    {
        var accounts = _server.Services.GetRequiredService<IAccountStore>();
        const string expired = "los_expired-token-for-the-attack-tests";
        await accounts.SaveTokenAsync(new TokenGrant(Tokens.Hash(expired), _alice.Id, TokenKind.User, null, "old", DateTimeOffset.UtcNow.AddDays(-2),
            Scope: "read", Expires: DateTimeOffset.UtcNow.AddSeconds(-1)));
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(expired));

        using var alice = _server.Client(_alice.AccessToken);
        var created = (await Http.SendJsonAsync(alice, HttpMethod.Post, "/v1/tokens",
            new JsonObject { ["name"] = "script", ["scopes"] = new JsonArray("read") }, HttpStatusCode.Created)).AsObject();
        var pat = created["token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, await TimelineStatusAsync(pat));
        using (var revoke = await alice.DeleteAsync("/v1/tokens/" + created["id"]!.GetValue<string>()))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await TimelineStatusAsync(pat));
    }
}
