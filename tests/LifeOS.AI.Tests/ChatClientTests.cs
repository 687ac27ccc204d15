using LifeOS.AI.OpenAICompatible;
using Microsoft.Extensions.AI;

namespace LifeOS.AI.Tests;

/// <summary>The chat client against a server speaking the OpenAI wire format.</summary>
public sealed class ChatClientTests : ServerTest
{
    [Fact]
    public async Task Sends_the_conversation_and_options_in_the_wire_format_and_reads_the_answer()
    {
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint());
        var options = new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 50, TopP = 0.9f, Seed = 7, StopSequences = ["\n\n"], ResponseFormat = ChatResponseFormat.Json };

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "hello there")], options, Ct);

        Assert.Equal("You said: hello there", response.Text);
        Assert.Equal(ChatRole.Assistant, response.Messages.Single().Role);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("test-model", response.ModelId);
        Assert.StartsWith("chatcmpl-", response.ResponseId, StringComparison.Ordinal);
        Assert.Equal(4, response.Usage?.InputTokenCount);
        Assert.Equal(4, response.Usage?.OutputTokenCount);
        Assert.Equal(8, response.Usage?.TotalTokenCount);

        var request = Assert.Single(Server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {OpenAIWireServer.ApiKey}", request.Authorization);
        var json = request.Json;
        Assert.Equal("test-model", (string?)json["model"]);
        Assert.Equal("system", (string?)json["messages"]![0]!["role"]);
        Assert.Equal("Be brief.", (string?)json["messages"]![0]!["content"]);
        Assert.Equal("user", (string?)json["messages"]![1]!["role"]);
        Assert.Equal(0.2f, (float?)json["temperature"]);
        Assert.Equal(50, (int?)json["max_tokens"]);
        Assert.Equal(0.9f, (float?)json["top_p"]);
        Assert.Equal(7, (long?)json["seed"]);
        Assert.Equal("\n\n", (string?)json["stop"]![0]);
        Assert.Equal("json_object", (string?)json["response_format"]!["type"]);
        Assert.Null(json["stream"]);
    }

    [Fact]
    public async Task Instructions_become_the_first_system_message_and_a_model_id_overrides_the_default()
    {
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint());

        var response = await client.GetResponseAsync("hi", new ChatOptions { Instructions = "You are terse.", ModelId = "other-model" }, Ct);

        Assert.Equal("other-model", response.ModelId);
        var json = Assert.Single(Server.Requests).Json;
        Assert.Equal("other-model", (string?)json["model"]);
        Assert.Equal("You are terse.", (string?)json["messages"]![0]!["content"]);
        Assert.Equal("hi", (string?)json["messages"]![1]!["content"]);
    }

    [Fact]
    public async Task A_cut_off_answer_reports_length()
    {
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint());

        var response = await client.GetResponseAsync("one two three four", new ChatOptions { MaxOutputTokens = 2 }, Ct);

        Assert.Equal("You said:", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task Streams_the_answer_as_server_sent_events_with_usage_at_the_end()
    {
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint());

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("stream this please", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        Assert.Equal("You said: stream this please", string.Concat(updates.Select(u => u.Text)));
        Assert.True(updates.Count > 4, $"{updates.Count} updates");
        Assert.Equal(ChatRole.Assistant, updates[0].Role);
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.Stop);
        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single().Details;
        Assert.Equal(3, usage.InputTokenCount);
        Assert.Equal(5, usage.OutputTokenCount);
        var response = updates.ToChatResponse();
        Assert.Equal("You said: stream this please", response.Text);

        var request = Assert.Single(Server.Requests);
        Assert.True((bool?)request.Json["stream"]);
        Assert.True((bool?)request.Json["stream_options"]!["include_usage"]);
        Assert.Equal("text/event-stream", request.Accept);
    }

    [Fact]
    public async Task Tools_and_non_text_content_are_refused_not_dropped()
    {
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint());

        await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync("hi",
            new ChatOptions { Tools = [AIFunctionFactory.Create(() => 42, "answer")] }, Ct));
        await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1, 2, 3 }, "image/png")])], cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync([], cancellationToken: Ct));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public void Describes_its_provider_endpoint_and_model()
    {
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint());
        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("openai", metadata?.ProviderName);
        Assert.Equal(Server.Endpoint, metadata?.ProviderUri);
        Assert.Equal("test-model", metadata?.DefaultModelId);
        Assert.Same(client, client.GetService<OpenAICompatibleChatClient>());
    }
}
