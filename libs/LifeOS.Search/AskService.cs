using System.Globalization;
using System.Text;
using LifeOS.AI;
using Microsoft.Extensions.AI;

namespace LifeOS.Search;

/// <summary>Answers a question from the person's own data: retrieve with <see cref="HybridSearch"/>, then let the chat
/// model answer from the numbered passages only, citing them as [n].</summary>
public sealed class AskService(HybridSearch search, ModelRegistry models)
{
    public const int Passages = 8;

    /// <summary>The answer with the passages it cites, or (no chat model) a reply that says so; never a made-up answer.</summary>
    public async Task<AskAnswer> AskAsync(string user, string question, CancellationToken cancellationToken)
    {
        var chat = models.Chat;
        if (!chat.TryGet(out var client))
            return new AskAnswer(null, [], [], "skipped", "no chat model is configured: " + chat.Description, null);

        var found = await search.SearchAsync(new TextQuery(user, question, Limit: Passages), cancellationToken).ConfigureAwait(false);
        if (found.Hits.Count == 0)
            return new AskAnswer(null, [], [], "no_data", "nothing in your data matches the question", chat.Description);

        var prompt = new StringBuilder();
        for (var i = 0; i < found.Hits.Count; i++)
        {
            var chunk = found.Hits[i].Chunk;
            prompt.Append(CultureInfo.InvariantCulture, $"[{i + 1}] ({chunk.Kind}, {found.Hits[i].TimeText}{(chunk.Title is null ? "" : ", " + chunk.Title)})\n{chunk.Text}\n\n");
        }

        prompt.Append("Question: ").Append(question);
        List<ChatMessage> messages =
        [
            new(ChatRole.System,
                "You answer questions about the user's own life data using only the numbered passages given. " +
                "Cite every passage you use as [n]. If the passages do not contain the answer, say that you do not know."),
            new(ChatRole.User, prompt.ToString()),
        ];
        var response = await client.GetResponseAsync(messages, new ChatOptions { Temperature = 0 }, cancellationToken).ConfigureAwait(false);
        var answer = response.Text;
        var cited = Citations.In(answer, found.Hits.Count);
        return new AskAnswer(answer, cited, found.Hits, "ok", null, response.ModelId ?? chat.Description);
    }
}

/// <summary>An answer, the passage numbers it cites (1-based into <see cref="Passages"/>), and the passages it was given.</summary>
public sealed record AskAnswer(string? Answer, IReadOnlyList<int> Cited, IReadOnlyList<SearchHit> Passages, string Status, string? Reason, string? Model);

/// <summary>Finds the [n] citations in an answer.</summary>
public static class Citations
{
    /// <summary>The distinct passage numbers cited as [n] (or [n, m]) that exist, in order of first citation.</summary>
    public static IReadOnlyList<int> In(string text, int passages)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cited = new List<int>();
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(text, @"\[(\d+(?:\s*,\s*\d+)*)\]"))
        {
            foreach (var part in match.Groups[1].Value.Split(','))
            {
                if (int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= passages && !cited.Contains(n))
                    cited.Add(n);
            }
        }

        return cited;
    }
}
