using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace LifeOS.AI.Tests;

/// <summary>The official OpenAI SDK reads the test server's answers: what the clients are tested against is the real
/// wire format, not one this project made up.</summary>
public sealed class WireFormatCompatibilityTests : ServerTest
{
    private OpenAIClientOptions Options => new() { Endpoint = Server.Endpoint, NetworkTimeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task The_official_sdk_reads_a_chat_completion()
    {
        var client = new ChatClient("sdk-model", new ApiKeyCredential(OpenAIWireServer.ApiKey), Options);

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("from the sdk")], cancellationToken: Ct);

        Assert.Equal("You said: from the sdk", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(3, completion.Usage.InputTokenCount);
        Assert.Equal("sdk-model", completion.Model);
    }

    [Fact]
    public async Task The_official_sdk_reads_a_streamed_chat_completion()
    {
        var client = new ChatClient("sdk-model", new ApiKeyCredential(OpenAIWireServer.ApiKey), Options);

        var text = "";
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("streamed")], cancellationToken: Ct))
        {
            text += string.Concat(update.ContentUpdate.Select(part => part.Text));
        }

        Assert.Equal("You said: streamed", text);
    }

    [Fact]
    public async Task The_official_sdk_reads_embeddings_in_base64()
    {
        var client = new EmbeddingClient("sdk-embed", new ApiKeyCredential(OpenAIWireServer.ApiKey), Options);

        OpenAIEmbeddingCollection embeddings = await client.GenerateEmbeddingsAsync(["alpha beta", "gamma"], cancellationToken: Ct);

        // The SDK keeps the server's order and exposes each item's index, as this project's client matches by.
        Assert.Equal(OpenAIWireServer.BagOfWords("alpha beta"), embeddings.Single(e => e.Index == 0).ToFloats().ToArray());
        Assert.Equal(OpenAIWireServer.BagOfWords("gamma"), embeddings.Single(e => e.Index == 1).ToFloats().ToArray());
    }
}
