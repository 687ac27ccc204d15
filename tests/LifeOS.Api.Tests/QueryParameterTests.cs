using System.Net;

namespace LifeOS.Api.Tests;

/// <summary>Every bad query parameter on the read routes is a 400 problem+json that names the parameter.</summary>
public sealed class QueryParameterTests
{
    private const string HeartRate = "/v1/metrics/device.health.heartrate";

    [Theory]
    [InlineData("/v1/timeline?from=yesterday", "from")]
    [InlineData("/v1/timeline?from=2026-03-02", "from")]
    [InlineData("/v1/timeline?to=2026-03-02T08:00:00", "to")]
    [InlineData("/v1/timeline?to=2026-13-02T08:00:00Z", "to")]
    [InlineData("/v1/timeline?types=device.health.heartrate,no.such.type", "types")]
    [InlineData("/v1/timeline?types=device.health.heartrate.raw", "types")]
    [InlineData("/v1/timeline?limit=0", "limit")]
    [InlineData("/v1/timeline?limit=-1", "limit")]
    [InlineData("/v1/timeline?limit=1001", "limit")]
    [InlineData("/v1/timeline?limit=5000", "limit")]
    [InlineData("/v1/timeline?limit=abc", "limit")]
    [InlineData("/v1/timeline?limit=99999999999", "limit")]
    [InlineData("/v1/timeline?cursor=%21%21", "cursor")]
    [InlineData(HeartRate + "?from=soon", "from")]
    [InlineData(HeartRate + "?to=tomorrow", "to")]
    [InlineData(HeartRate + "?to=2026-03-02T08:00:00+0200", "to")]
    [InlineData(HeartRate + "?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "to")]
    [InlineData(HeartRate + "?from=2026-03-02T00:00:00Z&to=2026-03-02T00:00:00Z", "to")]
    [InlineData(HeartRate + "?bucket=1x", "bucket")]
    [InlineData(HeartRate + "?bucket=0h", "bucket")]
    [InlineData(HeartRate + "?bucket=h", "bucket")]
    [InlineData(HeartRate + "?bucket=-1h", "bucket")]
    [InlineData(HeartRate + "?bucket=367d", "bucket")]
    [InlineData(HeartRate + "?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&bucket=1s", "bucket")]
    [InlineData(HeartRate + "?agg=median", "agg")]
    [InlineData(HeartRate + "?agg=", "agg")]
    [InlineData(HeartRate + "?agg=2", "agg")]
    [InlineData(HeartRate + "?agg=min,max", "agg")]
    [InlineData("/v1/metrics/device.sensor.gps", "type")]
    [InlineData("/v1/metrics/digital.clipboard", "type")]
    [InlineData("/v1/metrics/no.such.type", "type")]
    [InlineData("/v1/metrics/device.health.heartrate.raw", "type")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string url, string field)
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();

        using var response = await client.GetAsync(url);

        await Api.AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_device_filter_over_128_characters_is_a_400_naming_device()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();

        using var response = await client.GetAsync("/v1/timeline?device=" + new string('d', 129));

        await Api.AssertProblemAsync(response, HttpStatusCode.BadRequest, "device");
    }

    [Fact]
    public async Task A_space_for_an_unencoded_plus_still_reads_as_an_offset()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();

        var body = await Api.GetJsonAsync(client, "/v1/timeline?from=2026-03-02T08:00:00+02:00");

        Assert.Empty(body["items"]!.AsArray());
    }

    [Theory]
    [InlineData("to=0001-01-02T00:00:00Z")]
    [InlineData("from=0001-01-01T00:00:00Z&to=0001-01-01T01:00:00Z")]
    [InlineData("from=9999-12-31T00:00:00Z&to=9999-12-31T23:59:59Z")]
    public async Task A_metrics_range_at_the_edges_of_the_calendar_is_answered_without_a_server_error(string range)
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();

        using var response = await client.GetAsync($"{HeartRate}?{range}");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest,
            $"expected 200 or a 400 naming the parameter, got {(int)response.StatusCode}: {text} {string.Join(" | ", server.LoggedErrors)}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
            Assert.Contains("\"field\"", text, StringComparison.Ordinal);
    }
}
