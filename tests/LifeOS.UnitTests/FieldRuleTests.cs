using System.Text.Json;

namespace LifeOS.UnitTests;

/// <summary>Edge cases of the individual field rules, on a one-field schema.</summary>
public sealed class FieldRuleTests
{
    private static IReadOnlyList<string> Check(FieldRule rule, string valueJson)
    {
        using var document = JsonDocument.Parse($$"""{ "{{rule.Name}}": {{valueJson}} }""");
        return new PayloadSchema(rule).Validate(document.RootElement);
    }

    private static void Accepts(FieldRule rule, string valueJson) => Assert.Empty(Check(rule, valueJson));

    private static void Rejects(FieldRule rule, string valueJson, string expectedStart)
    {
        var error = Assert.Single(Check(rule, valueJson));
        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void A_number_that_overflows_a_double_is_not_finite(string json) =>
        Rejects(new NumberField("value", true, 0, 300), json, "data.value: must be a finite number");

    [Fact]
    public void A_huge_but_finite_number_is_out_of_range() =>
        Rejects(new NumberField("value", true, 0, 300), "1e308", "data.value: must be between 0 and 300, was 1E+308");

    [Theory]
    [InlineData("0")]
    [InlineData("300")]
    [InlineData("72.5")]
    public void A_number_rule_includes_both_bounds(string json) => Accepts(new NumberField("value", true, 0, 300), json);

    [Theory]
    [InlineData("-0.001")]
    [InlineData("300.001")]
    public void A_number_just_outside_a_bound_is_rejected(string json) =>
        Rejects(new NumberField("value", true, 0, 300), json, "data.value: must be between");

    [Theory]
    [InlineData("\"72\"")]
    [InlineData("true")]
    [InlineData("[72]")]
    [InlineData("{}")]
    public void A_number_rule_rejects_other_json_types(string json) =>
        Rejects(new NumberField("value", true, 0, 300), json, "data.value: must be a finite number");

    [Fact]
    public void An_integer_rule_rejects_a_fraction() =>
        Rejects(new NumberField("steps", true, 0, 100, IsInteger: true), "1.5", "data.steps: must be a whole number");

    [Theory]
    [InlineData("2")]
    [InlineData("2.0")]
    [InlineData("2e0")]
    public void An_integer_rule_accepts_whole_numbers_however_written(string json) =>
        Accepts(new NumberField("steps", true, 0, 100, IsInteger: true), json);

    [Fact]
    public void An_enum_is_case_sensitive()
    {
        var rule = new EnumField("camera", true, "front", "rear", "screen");
        Accepts(rule, "\"front\"");
        Rejects(rule, "\"Front\"", "data.camera: must be one of front, rear, screen");
        Rejects(rule, "\"FRONT\"", "data.camera: must be one of");
        Rejects(rule, "1", "data.camera: must be one of");
    }

    [Theory]
    [InlineData("\"2026-11-22T08:00:00\"")]
    [InlineData("\"2026-11-22 08:00:00\"")]
    [InlineData("\"2026-11-22\"")]
    [InlineData("\"22/11/2026 08:00\"")]
    [InlineData("1795939200")]
    public void A_timestamp_without_an_offset_or_not_rfc3339_is_rejected(string json) =>
        Rejects(new TimestampField("start", true), json, "data.start: must be an RFC 3339 timestamp with a UTC offset");

    [Theory]
    [InlineData("\"2026-11-22T08:00:00Z\"")]
    [InlineData("\"2026-11-22T09:00:00+01:00\"")]
    [InlineData("\"2026-11-22T03:00:00.125-05:00\"")]
    public void A_timestamp_with_an_offset_is_accepted(string json) => Accepts(new TimestampField("start", true), json);

    [Theory]
    [InlineData("ftp://example.com/file.pdf")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("mailto:me@example.com")]
    [InlineData("data:text/html,<b>hi</b>")]
    [InlineData("/relative/path")]
    [InlineData("example.com/page")]
    public void A_url_rule_accepts_only_absolute_http_and_https(string url) =>
        Rejects(new UrlField("url", true), JsonSerializer.Serialize(url), "data.url: must be an absolute http or https URL");

    [Theory]
    [InlineData("https://example.com/a?b=c#d")]
    [InlineData("http://192.168.1.10:8080/")]
    [InlineData("HTTPS://EXAMPLE.COM/")]
    public void A_url_rule_accepts_http_and_https(string url) => Accepts(new UrlField("url", true), JsonSerializer.Serialize(url));

    [Fact]
    public void A_url_rule_rejects_a_url_over_its_max_length()
    {
        var rule = new UrlField("url", true, MaxLength: 30);
        Accepts(rule, "\"https://example.com/123456789\"");
        Rejects(rule, "\"https://example.com/1234567890x\"", "data.url: must be an absolute http or https URL of at most 30");
    }

    [Fact]
    public void A_string_may_be_exactly_its_max_length_but_not_longer()
    {
        var rule = new StringField("ssid", true, MaxLength: 64);
        Accepts(rule, JsonSerializer.Serialize(new string('a', 64)));
        Rejects(rule, JsonSerializer.Serialize(new string('a', 65)), "data.ssid: must be at most 64 characters, was 65");
    }

    [Fact]
    public void An_empty_string_is_rejected_unless_allowed()
    {
        Rejects(new StringField("title", true), "\"\"", "data.title: must not be empty");
        Accepts(new StringField("subject", true, AllowEmpty: true), "\"\"");
    }

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("1")]
    [InlineData("0")]
    public void A_boolean_rule_rejects_lookalikes(string json) =>
        Rejects(new BooleanField("charging", true), json, "data.charging: must be true or false");

    [Fact]
    public void An_array_error_names_the_index_of_the_bad_item()
    {
        var errors = Check(new ArrayField("tags", false, new StringField("tag", true, 8)), """["ok", 2, "far too long"]""");

        Assert.Equal(["data.tags[1]: must be a string", "data.tags[2]: must be at most 8 characters, was 12"], errors);
    }

    [Fact]
    public void An_array_over_max_items_is_rejected_without_checking_each_item() =>
        Rejects(new ArrayField("ids", true, new StringField("id", true), MaxItems: 2), "[1, 2, 3]", "data.ids: must have at most 2 items, had 3");

    [Fact]
    public void A_nested_object_error_names_the_nested_path()
    {
        var rule = new ObjectField("blob", true, new PayloadSchema(
            new StringField("sha256", true, 64), new NumberField("size", true, 0, 1e15, IsInteger: true)));

        Assert.Equal(["data.blob.size: is required"], Check(rule, """{ "sha256": "ab" }"""));
        Assert.Equal(["data.blob: must be a JSON object"], Check(rule, "[]"));
    }

    [Fact]
    public void Null_is_missing_so_a_required_field_reports_required_and_an_optional_one_passes()
    {
        Assert.Equal(["data.value: is required"], Check(new NumberField("value", true, 0, 1), "null"));
        Accepts(new NumberField("value", false, 0, 1), "null");
    }

    [Fact]
    public void A_schema_reports_every_problem_not_just_the_first()
    {
        var schema = new PayloadSchema(new NumberField("lat", true, -90, 90), new NumberField("lon", true, -180, 180));
        using var document = JsonDocument.Parse("""{ "lat": 91 }""");

        var errors = schema.Validate(document.RootElement);

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("data.lat: must be between", errors[0], StringComparison.Ordinal);
        Assert.Equal("data.lon: is required", errors[1]);
    }

    [Fact]
    public void Unknown_fields_are_allowed_so_newer_agents_can_talk_to_older_servers()
    {
        using var document = JsonDocument.Parse("""{ "value": 72, "sensorModel": "MAX30102" }""");
        Assert.Empty(TopicCatalogue.HeartRate.Schema.Validate(document.RootElement));
    }
}
