using System.Net.Http.Json;
using LifeOS.Vectors;
using LifeOS.Vectors.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Security.Tests;

/// <summary>Deleting a range, a type or the whole account removes the data from every store, read back from the files
/// directly; what others still reference stays, and the audit log (kept) records the deletion.</summary>
public sealed class DeletionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly byte[] OwnPhoto = [0xFF, 0xD8, 0xFF, 0xE0, .. "only alice took this"u8.ToArray()];
    private static readonly byte[] SharedPhoto = [0xFF, 0xD8, 0xFF, 0xE0, .. "alice and bob both have this"u8.ToArray()];
    private static readonly string[] StoreTables = ["events", "samples", "locations", "motion", "media"];

    private readonly TempDirectory _vectors = new();
    private readonly SecureServer _server;
    private User _alice = null!;
    private User _bob = null!;
    private string _ownSha = "";
    private string _sharedSha = "";

    public DeletionTests()
    {
        // A vector index like the knowledge module's, so deletions must reach it too.
        _server = new SecureServer(services: services => services.AddEmbeddedVectorIndex(
            new EmbeddedVectorIndexOptions { DataDirectory = _vectors.Path, Collection = "deletion-tests", Dimension = 4 }));
    }

    private StoreReader Files => new(_server.DataDir);

    private IVectorIndex Vectors => _server.Services.GetServices<IVectorIndex>().Single(v => v.Collection == "deletion-tests");

    public async ValueTask InitializeAsync()
    {
        _alice = await _server.SignUpAsync("alice");
        _bob = await _server.SignUpAsync("bob");
        using var alice = _server.Client(_alice.AccessToken);
        using var bob = _server.Client(_bob.AccessToken);
        await Http.IngestAsync(alice,
            Http.HeartRate("watch", 1, T0, 60, "hr-1"),
            Http.HeartRate("watch", 2, T0.AddHours(1), 70, "hr-2"),
            Http.HeartRate("watch", 3, T0.AddHours(2), 80, "hr-3"),
            Http.Event("digital.clipboard", "laptop", 1, T0.AddHours(1), new JsonObject { ["content"] = "alice's clipboard" }, "clip"),
            Http.Event("device.sensor.gps", "phone", 1, T0.AddHours(1), new JsonObject { ["lat"] = 52.5, ["lon"] = 13.4 }, "gps"));
        _ownSha = (await Http.UploadPhotoAsync(alice, "phone", 2, T0.AddMinutes(90), OwnPhoto, "own-photo"))["blob"]!["sha256"]!.GetValue<string>();
        _sharedSha = (await Http.UploadPhotoAsync(alice, "phone", 3, T0.AddHours(3), SharedPhoto, "shared-photo"))["blob"]!["sha256"]!.GetValue<string>();
        await Http.UploadPhotoAsync(bob, "phone", 1, T0.AddHours(3), SharedPhoto, "bobs-photo");
        await Http.IngestAsync(bob, Http.HeartRate("watch", 1, T0.AddHours(1), 90, "bob-hr"));
        await Http.SendJsonAsync(alice, HttpMethod.Put, "/v1/integrations/calendar", new JsonObject { ["secret"] = "oauth" }, HttpStatusCode.NoContent);
        await Http.SendJsonAsync(alice, HttpMethod.Post, "/v1/shares", new JsonObject { ["grantee"] = "bob", ["role"] = "viewer" }, HttpStatusCode.Created);
        await Http.SendJsonAsync(alice, HttpMethod.Post, "/v1/devices", new JsonObject { ["device"] = "watch" }, HttpStatusCode.Created);

        await Vectors.EnsureCollectionAsync();
        await Vectors.UpsertAsync([
            new VectorPoint("a-1", new float[] { 1, 0, 0, 0 }, new VectorPayload(_alice.Id, "device.health.heartrate", T0.AddHours(1))),
            new VectorPoint("a-2", new float[] { 0, 1, 0, 0 }, new VectorPayload(_alice.Id, "digital.clipboard", T0.AddHours(5))),
            new VectorPoint("b-1", new float[] { 0, 0, 1, 0 }, new VectorPayload(_bob.Id, "device.health.heartrate", T0.AddHours(1))),
        ]);
        await _server.WaitForPersistenceAsync();
        Assert.Equal(7, Files.UserRows("store.db", "events", _alice.Id));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _vectors.Dispose();
    }

    private async Task<JsonObject> DeleteAsync(User user, string query)
    {
        using var client = _server.Client(user.AccessToken);
        using var response = await client.DeleteAsync(query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"DELETE {query}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["removed"]!.AsObject();
    }

    private async Task AssertBobUntouchedAsync()
    {
        Assert.Equal(2, Files.UserRows("store.db", "events", _bob.Id));
        Assert.Equal(1, Files.UserRows("store.db", "media", _bob.Id));
        Assert.True(Files.BlobExists(_sharedSha));
        Assert.Equal(1, await Vectors.CountAsync(VectorFilter.ForUser(_bob.Id)));
        using var bob = _server.Client(_bob.AccessToken);
        using var photo = await bob.GetAsync("/v1/media/" + _sharedSha);
        Assert.Equal(SharedPhoto, await photo.Content.ReadAsByteArrayAsync());
    }

    private async Task<List<string>> AuditActionsAsync(User user)
    {
        var audit = _server.Services.GetRequiredService<LifeOS.Storage.IAuditLog>();
        return [.. (await audit.ListAsync(user.Id, null, 1000)).Select(e => e.Action)];
    }

    [Fact]
    public async Task Deleting_a_time_range_removes_its_events_projections_blobs_and_vectors_and_nothing_else()
    {
        var removed = await DeleteAsync(_alice, "/v1/data?from=2026-03-02T08:30:00Z&to=2026-03-02T10:00:00Z");

        Assert.Equal(4, removed["store"]!.GetValue<long>());
        Assert.Equal(1, removed["blobs"]!.GetValue<long>());
        Assert.Equal(1, removed["vectors"]!.GetValue<long>());
        Assert.Equal(3, Files.UserRows("store.db", "events", _alice.Id));
        Assert.Equal(0, Files.Count("store.db", "events", "user_id = $u AND id IN ('hr-2', 'clip', 'gps', 'own-photo')", ("$u", _alice.Id)));
        Assert.Equal(2, Files.UserRows("store.db", "samples", _alice.Id));
        Assert.Equal(0, Files.UserRows("store.db", "locations", _alice.Id));
        Assert.Equal(1, Files.UserRows("store.db", "media", _alice.Id));
        Assert.False(Files.BlobExists(_ownSha));
        Assert.Equal(0, await Vectors.CountAsync(new VectorFilter(_alice.Id, To: T0.AddHours(2))));
        Assert.Equal(1, await Vectors.CountAsync(VectorFilter.ForUser(_alice.Id)));
        // The ledger keeps the seqs, so a device resending deleted events does not bring them back.
        Assert.Equal(3, Files.Count("ledger.db", "devices", "user_id = $u", ("$u", _alice.Id)));

        using var alice = _server.Client(_alice.AccessToken);
        Assert.Equal(["hr-1", "hr-3", "shared-photo"], Http.Ids(await Http.TimelineAsync(alice)));
        Assert.Equal(0, (await Http.IngestAsync(alice, Http.HeartRate("watch", 2, T0.AddHours(1), 70, "hr-2")))["accepted"]!.GetValue<int>());
        Assert.Contains("data.deleted", await AuditActionsAsync(_alice));
        await AssertBobUntouchedAsync();
    }

    [Fact]
    public async Task Deleting_a_type_removes_only_that_type()
    {
        var removed = await DeleteAsync(_alice, "/v1/data?types=digital.clipboard,device.image.camera");

        Assert.Equal(3, removed["store"]!.GetValue<long>());
        Assert.Equal(0, Files.Count("store.db", "events", "user_id = $u AND type IN ('digital.clipboard', 'device.image.camera')", ("$u", _alice.Id)));
        Assert.Equal(4, Files.UserRows("store.db", "events", _alice.Id));
        Assert.Equal(0, Files.UserRows("store.db", "media", _alice.Id));
        Assert.False(Files.BlobExists(_ownSha));
        Assert.Equal(1, await Vectors.CountAsync(VectorFilter.ForUser(_alice.Id)));
        await AssertBobUntouchedAsync();
    }

    [Fact]
    public async Task Deleting_the_account_empties_every_store_of_it_and_keeps_its_audit_log()
    {
        using (var wrong = _server.Client(_alice.AccessToken))
        using (var unconfirmed = await wrong.DeleteAsync("/v1/account?confirm=bob"))
            await Http.AssertProblemAsync(unconfirmed, HttpStatusCode.BadRequest);

        await DeleteAsync(_alice, "/v1/account?confirm=alice");

        foreach (var table in StoreTables)
            Assert.True(Files.UserRows("store.db", table, _alice.Id) == 0, $"store.db {table} still holds rows of alice");
        foreach (var table in new[] { "seq_runs", "client_ids", "devices" })
            Assert.True(Files.UserRows("ledger.db", table, _alice.Id) == 0, $"ledger.db {table} still holds rows of alice");
        foreach (var (table, column) in new[] { ("users", "id"), ("tokens", "user_id"), ("sessions", "user_id"), ("refresh_tokens", "user_id"),
                     ("integration_secrets", "user_id"), ("shares", "owner_id"), ("shares", "grantee_id") })
            Assert.True(Files.UserRows("accounts.db", table, _alice.Id, column) == 0, $"accounts.db {table}.{column} still holds rows of alice");
        Assert.False(Files.BlobExists(_ownSha));
        Assert.Equal(0, await Vectors.CountAsync(VectorFilter.ForUser(_alice.Id)));

        // The audit log is append-only: it keeps the account's history, ending with the deletion.
        Assert.Equal("account.deleted", (await AuditActionsAsync(_alice))[0]);
        Assert.True(Files.UserRows("accounts.db", "audit_log", _alice.Id) > 3);

        using var gone = _server.Client(_alice.AccessToken);
        using (var refused = await gone.GetAsync("/v1/timeline"))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var anonymous = _server.Client();
        using (var login = await anonymous.PostAsJsonAsync("/v1/auth/login", new { login = "alice", password = SecureServer.Password }))
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        await AssertBobUntouchedAsync();
        Assert.Empty(_server.LoggedErrors);
    }

    [Fact]
    public async Task A_deletion_must_name_what_to_delete_and_names_only_known_types()
    {
        using var alice = _server.Client(_alice.AccessToken);
        foreach (var query in new[] { "/v1/data", "/v1/data?types=no.such.type", "/v1/data?from=yesterday", "/v1/data?from=2026-03-02T10:00:00Z&to=2026-03-02T09:00:00Z" })
        {
            using var response = await alice.DeleteAsync(query);
            await Http.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }

        Assert.Equal(7, Files.UserRows("store.db", "events", _alice.Id));
    }
}
