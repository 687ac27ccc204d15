using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using LifeOS.Identity.Secrets;
using LifeOS.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Security.Tests;

/// <summary>Integration secrets are encrypted at rest with Data Protection, bound to their user, never returned by the
/// API, and still readable after a restart (the key ring is kept under the data folder).</summary>
public sealed class SecretsTests
{
    private const string Secret = "ya29.oauth-refresh-token-of-alices-calendar";

    [Fact]
    public async Task A_stored_secret_is_ciphertext_on_disk_bound_to_its_user_and_survives_a_restart()
    {
        var dataDir = Directory.CreateTempSubdirectory("lifeos-secrets-").FullName;
        try
        {
            string aliceId, bobId;
            await using (var server = new SecureServer(dataDir: dataDir))
            {
                var alice = await server.SignUpAsync("alice");
                var bob = await server.SignUpAsync("bob");
                (aliceId, bobId) = (alice.Id, bob.Id);
                using var client = server.Client(alice.AccessToken);
                await Http.SendJsonAsync(client, HttpMethod.Put, "/v1/integrations/calendar", new JsonObject { ["secret"] = Secret }, HttpStatusCode.NoContent);

                var listed = await client.GetStringAsync("/v1/integrations");
                Assert.Contains("calendar", listed, StringComparison.Ordinal);
                Assert.DoesNotContain(Secret, listed, StringComparison.Ordinal);
                var audit = await client.GetStringAsync("/v1/audit");
                Assert.Contains("integration.saved", audit, StringComparison.Ordinal);
                Assert.DoesNotContain(Secret, audit, StringComparison.Ordinal);

                // Copied to another account, the ciphertext does not open: it is bound to its user.
                var store = server.Services.GetRequiredService<IIntegrationSecretStore>();
                await store.PutAsync(bob.Id, "calendar", (await store.GetAsync(alice.Id, "calendar"))!, DateTimeOffset.UtcNow);
                var secrets = server.Services.GetRequiredService<IntegrationSecrets>();
                await Assert.ThrowsAnyAsync<CryptographicException>(() => secrets.GetAsync(bob.Id, "calendar"));
            }

            var onDisk = ReadCiphertext(dataDir, aliceId);
            Assert.True(onDisk.Length > 32);
            Assert.Equal(-1, onDisk.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Secret)));
            Assert.Equal(-1, onDisk.AsSpan().IndexOf(Encoding.UTF8.GetBytes("oauth-refresh-token")));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(dataDir, "keys", "data-protection"), "*.xml"));

            await using (var restarted = new SecureServer(dataDir: dataDir))
            {
                var secrets = restarted.Services.GetRequiredService<IntegrationSecrets>();
                Assert.Equal(Secret, await secrets.GetAsync(aliceId, "calendar"));
                Assert.Null(await secrets.GetAsync(aliceId, "mail"));
                Assert.NotEqual(bobId, aliceId);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Secrets_are_managed_only_with_the_manage_scope_and_names_are_checked()
    {
        await using var server = new SecureServer();
        var alice = await server.SignUpAsync("alice");
        using var client = server.Client(alice.AccessToken);
        var readOnly = (await Http.SendJsonAsync(client, HttpMethod.Post, "/v1/tokens",
            new JsonObject { ["name"] = "reader", ["scopes"] = new JsonArray("read") }, HttpStatusCode.Created))["token"]!.GetValue<string>();
        using var reader = server.Client(readOnly);
        using (var refused = await reader.PutAsJsonAsync("/v1/integrations/calendar", new { secret = Secret }))
            await Http.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        using (var badName = await client.PutAsJsonAsync("/v1/integrations/Not%20A%20Name", new { secret = Secret }))
            await Http.AssertProblemAsync(badName, HttpStatusCode.BadRequest);
        using (var missing = await client.DeleteAsync("/v1/integrations/calendar"))
            await Http.AssertProblemAsync(missing, HttpStatusCode.NotFound);
    }

    private static byte[] ReadCiphertext(string dataDir, string user)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "accounts.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ciphertext FROM integration_secrets WHERE user_id = $u AND name = 'calendar'";
        command.Parameters.AddWithValue("$u", user);
        return (byte[])command.ExecuteScalar()!;
    }
}
