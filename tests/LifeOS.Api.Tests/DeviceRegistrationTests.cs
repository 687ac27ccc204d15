using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace LifeOS.Api.Tests;

/// <summary>Registering a device mints a token once; a bad registration is a 400 that names what is wrong.</summary>
public sealed class DeviceRegistrationTests
{
    [Fact]
    public async Task Each_registration_mints_a_new_token_that_works_at_once()
    {
        await using var server = new ServerFactory();
        using var owner = server.CreateOwnerClient();

        using var first = await owner.PostAsJsonAsync("/v1/devices", new { device = "watch" });
        using var second = await owner.PostAsJsonAsync("/v1/devices", new { device = "watch", name = "Spare" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("/v1/devices/watch/ledger", first.Headers.Location?.OriginalString);
        var tokens = new[] { (await Api.ReadJsonAsync(first))["token"]!.GetValue<string>(), (await Api.ReadJsonAsync(second))["token"]!.GetValue<string>() };
        Assert.NotEqual(tokens[0], tokens[1]);
        foreach (var token in tokens)
        {
            using var device = server.CreateTokenClient(token);
            var seq = Array.IndexOf(tokens, token) + 1;
            Assert.Equal(1, (await Api.IngestAsync(device, new JsonArray(Api.HeartRate("watch", seq, "2026-03-02T08:00:00Z", 60))))["accepted"]!.GetValue<int>());
        }
    }

    [Theory]
    [InlineData("{\"device\":\"\"}")]
    [InlineData("{\"device\":null}")]
    [InlineData("{\"name\":\"no device\"}")]
    [InlineData("{\"device\":\"watch\"")]
    [InlineData("[]")]
    public async Task A_bad_device_registration_is_a_400_problem_naming_the_field(string body)
    {
        await using var server = new ServerFactory();
        using var owner = server.CreateOwnerClient();

        using var response = await owner.PostAsync("/v1/devices", new StringContent(body, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal(Api.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.True(problem["field"] is not null || problem["errors"]?["device"] is not null, $"the problem names no field: {text}");
    }

}
