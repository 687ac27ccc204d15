using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LifeOS.Api.Tests;

/// <summary>Media uploads store bytes once by content, put a claim check on the timeline, and download only for the owner.</summary>
public sealed class MediaTests
{
    private static byte[] RandomBytes(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task An_uploaded_photo_downloads_byte_for_byte_and_its_event_carries_the_blob_reference()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var photo = RandomBytes(1, 300_000);
        var sha = Convert.ToHexStringLower(SHA256.HashData(photo));

        var answer = await Api.UploadAsync(client, Api.Media("device.image.camera", "phone", 7, "2026-03-02T08:00:00Z", photo,
            new JsonObject { ["camera"] = "rear", ["width"] = 640, ["height"] = 480 }, id: "photo-1"));

        Assert.Equal(1, answer["accepted"]!.GetValue<int>());
        Assert.Equal("photo-1", answer["eventId"]!.GetValue<string>());
        Assert.Equal(7, answer["ledger"]!["phone"]!["highSeq"]!.GetValue<long>());
        var blob = answer["blob"]!;
        Assert.Equal(sha, blob["sha256"]!.GetValue<string>());
        Assert.Equal(photo.Length, blob["size"]!.GetValue<long>());
        Assert.Equal("image/jpeg", blob["contentType"]!.GetValue<string>());

        await server.WaitForPersistenceAsync();
        using var download = await client.GetAsync($"/v1/media/{sha}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(photo, await download.Content.ReadAsByteArrayAsync());

        var item = Assert.Single(await Api.ReadTimelineAsync(client));
        Assert.Equal("device.image.camera", item["type"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["camera"] = "rear", ["width"] = 640, ["height"] = 480, ["blob"] = blob.DeepClone() }, item["data"]),
            item["data"]!.ToJsonString());
    }

    [Fact]
    public async Task The_same_bytes_uploaded_twice_are_stored_once_while_both_events_are_kept()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var frame = RandomBytes(2, 50_000);

        var first = await Api.UploadAsync(client, Api.Camera("phone", 1, "2026-03-02T08:00:00Z", frame));
        var second = await Api.UploadAsync(client, Api.Camera("phone", 2, "2026-03-02T08:01:00Z", frame));
        var third = await Api.UploadAsync(client, Api.Media("device.video.screen", "laptop", 1, "2026-03-02T08:02:00Z", frame,
            new JsonObject { ["width"] = 1920, ["height"] = 1080, ["app"] = "Editor" }, contentType: "image/png"));

        var sha = first["blob"]!["sha256"]!.GetValue<string>();
        Assert.All(new[] { second, third }, a => Assert.Equal(sha, a["blob"]!["sha256"]!.GetValue<string>()));
        Assert.NotEqual(first["eventId"]!.GetValue<string>(), second["eventId"]!.GetValue<string>());
        var files = Directory.EnumerateFiles(Path.Combine(server.DataDir, "blobs"), "*", SearchOption.AllDirectories).ToList();
        Assert.Equal([sha], files.Select(Path.GetFileName));
        Assert.Equal(frame, await File.ReadAllBytesAsync(files[0]));

        await server.WaitForPersistenceAsync();
        Assert.Equal(3, (await Api.ReadTimelineAsync(client)).Count);
    }

    [Fact]
    public async Task A_repeated_upload_of_the_same_event_is_a_duplicate()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var photo = RandomBytes(3, 1000);

        await Api.UploadAsync(client, Api.Camera("phone", 1, "2026-03-02T08:00:00Z", photo));
        var retry = await Api.UploadAsync(client, Api.Camera("phone", 1, "2026-03-02T08:00:00Z", photo));

        Assert.Equal(0, retry["accepted"]!.GetValue<int>());
        Assert.Equal(1, retry["duplicates"]!.GetValue<int>());
        await server.WaitForPersistenceAsync();
        Assert.Single(await Api.ReadTimelineAsync(client));
    }

    [Theory]
    [InlineData("device.image.nope", "phone", "1", "2026-03-02T08:00:00Z", "{\"camera\":\"front\"}", "type")]
    [InlineData("device.health.heartrate", "phone", "1", "2026-03-02T08:00:00Z", "{\"value\":60}", "type")]
    [InlineData("", "phone", "1", "2026-03-02T08:00:00Z", "{\"camera\":\"front\"}", "type")]
    [InlineData("device.image.camera", "", "1", "2026-03-02T08:00:00Z", "{\"camera\":\"front\"}", "device")]
    [InlineData("device.image.camera", "phone", "abc", "2026-03-02T08:00:00Z", "{\"camera\":\"front\"}", "seq")]
    [InlineData("device.image.camera", "phone", "-5", "2026-03-02T08:00:00Z", "{\"camera\":\"front\"}", "seq")]
    [InlineData("device.image.camera", "phone", "9223372036854775808", "2026-03-02T08:00:00Z", "{\"camera\":\"front\"}", "seq")]
    [InlineData("device.image.camera", "phone", "1", "yesterday", "{\"camera\":\"front\"}", "time")]
    [InlineData("device.image.camera", "phone", "1", "2026-03-02T08:00:00Z", null, "data.camera")]
    [InlineData("device.image.camera", "phone", "1", "2026-03-02T08:00:00Z", "{\"camera\":\"side\"}", "data.camera")]
    [InlineData("device.image.camera", "phone", "1", "2026-03-02T08:00:00Z", "{\"camera\":\"front\",\"width\":0}", "data.width")]
    [InlineData("device.video.screen", "laptop", "1", "2026-03-02T08:00:00Z", "{\"height\":1080}", "data.width")]
    [InlineData("device.audio", "phone", "1", "2026-03-02T08:00:00Z", "{\"fileId\":\"f\",\"sampleRate\":16000,\"format\":\"ogg\"}", "data.format")]
    [InlineData("device.image.camera", "phone", "1", "2026-03-02T08:00:00Z", "{\"camera\":", "data")]
    [InlineData("device.image.camera", "phone", "1", "2026-03-02T08:00:00Z", "[\"front\"]", "data")]
    [InlineData("device.image.camera", "phone", "1", "2026-03-02T08:00:00Z", "{\"camera\":\"front\",\"camera\":\"rear\"}", "data")]
    public async Task A_bad_form_field_is_a_400_naming_it_and_stores_no_bytes(
        string type, string device, string seq, string time, string? data, string field)
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var form = new MultipartFormDataContent
        {
            { new StringContent(type), "type" },
            { new StringContent(device), "device" },
            { new StringContent(seq), "seq" },
            { new StringContent(time), "time" },
            { new ByteArrayContent(RandomBytes(4, 100)), "file", "f.bin" },
        };
        if (data is not null)
            form.Add(new StringContent(data), "data");

        using var response = await client.PostAsync("/v1/media", form);

        await Api.AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(server.DataDir, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_audio_file_is_accepted_on_the_media_route()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();

        var answer = await Api.UploadAsync(client, Api.Media("device.audio", "phone", 1, "2026-03-02T08:00:00Z", RandomBytes(5, 3200),
            new JsonObject { ["fileId"] = "rec-1", ["sampleRate"] = 16000, ["format"] = "pcm_s16le", ["channels"] = 1 }, contentType: "audio/L16"));

        Assert.Equal(1, answer["accepted"]!.GetValue<int>());
        Assert.Equal("audio/L16", answer["blob"]!["contentType"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_or_empty_file_is_a_400_naming_file()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var fields = new MultipartFormDataContent
        {
            { new StringContent("device.image.camera"), "type" },
            { new StringContent("phone"), "device" },
            { new StringContent("1"), "seq" },
            { new StringContent("2026-03-02T08:00:00Z"), "time" },
            { new StringContent("{\"camera\":\"front\"}"), "data" },
        };
        using var missing = await client.PostAsync("/v1/media", fields);
        await Api.AssertProblemAsync(missing, HttpStatusCode.BadRequest, "file");

        using var empty = await client.PostAsync("/v1/media", Api.Camera("phone", 1, "2026-03-02T08:00:00Z", []));
        await Api.AssertProblemAsync(empty, HttpStatusCode.BadRequest, "file");
    }

    [Fact]
    public async Task A_file_over_the_media_limit_is_a_413_naming_file()
    {
        await using var server = new ServerFactory(new Dictionary<string, string?> { ["LifeOS:Ingestion:MaxMediaBytes"] = "4096" });
        using var client = server.CreateOwnerClient();

        using var response = await client.PostAsync("/v1/media", Api.Camera("phone", 1, "2026-03-02T08:00:00Z", RandomBytes(6, 10_000)));

        await Api.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "file");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(server.DataDir, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task A_body_that_is_not_multipart_is_a_415_naming_content_type(string contentType)
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();

        using var response = await client.PostAsync("/v1/media", new StringContent("{}", Encoding.UTF8, contentType));

        await Api.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }

    [Fact]
    public async Task A_broken_multipart_body_is_a_400_naming_body()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var content = new StringContent("--b\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\ndevice.image", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        using var response = await client.PostAsync("/v1/media", content);

        await Api.AssertProblemAsync(response, HttpStatusCode.BadRequest, "body");
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("ABCDEF0000000000000000000000000000000000000000000000000000000000")]
    [InlineData("abc")]
    [InlineData("..%2F..%2Faccounts.db")]
    public async Task Media_nobody_referenced_is_a_404(string sha)
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();

        using var response = await client.GetAsync($"/v1/media/{sha}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_device_token_uploads_for_its_own_device_only()
    {
        await using var server = new ServerFactory();
        using var owner = server.CreateOwnerClient();
        using var registration = await owner.PostAsync("/v1/devices", Api.Json(new JsonObject { ["device"] = "phone" }));
        using var device = server.CreateTokenClient((await Api.ReadJsonAsync(registration))["token"]!.GetValue<string>());

        await Api.UploadAsync(device, Api.Camera("phone", 1, "2026-03-02T08:00:00Z", RandomBytes(7, 100)));
        using var other = await device.PostAsync("/v1/media", Api.Camera("watch", 1, "2026-03-02T08:00:00Z", RandomBytes(8, 100)));

        await Api.AssertProblemAsync(other, HttpStatusCode.BadRequest, "device");
    }
}
