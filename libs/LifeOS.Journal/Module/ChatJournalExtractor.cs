using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace LifeOS.Journal;

/// <summary>Asks a chat model for what a journal entry implies but does not state (mood from "awful day", ...): inferred facts only.</summary>
/// <remarks>The model answers JSON; facts that name unknown fields or fail <see cref="JournalFact.Validate"/> are dropped,
/// and <see cref="FactMerger"/> caps the rest below every explicit fact and never lets them override one.</remarks>
public sealed class ChatJournalExtractor(IChatClient client, string model)
{
    public string Model { get; } = model;

    public async Task<IReadOnlyList<JournalFact>> InferAsync(string text, CancellationToken cancellationToken)
    {
        var fields = string.Join("\n", JournalFields.All.Select(f =>
            $"- {f.Name}: {(f.Kind == FieldKind.Number ? $"number {f.Min.ToString(CultureInfo.InvariantCulture)}-{f.Max.ToString(CultureInfo.InvariantCulture)}" : "text")}{(f.Unit is null ? "" : " in " + f.Unit)}"));
        List<ChatMessage> messages =
        [
            new(ChatRole.System,
                "You read a personal journal entry and list facts it implies. Fields:\n" + fields +
                "\nAnswer only with JSON: {\"facts\": [{\"field\": \"mood.score\", \"number\": 3, \"confidence\": 0.6}, {\"field\": \"people\", \"text\": \"Anna\", \"confidence\": 0.7}]}." +
                " Use only these fields; leave out anything the entry does not support."),
            new(ChatRole.User, text),
        ];
        var response = await client.GetResponseAsync(messages, new ChatOptions { Temperature = 0, ResponseFormat = ChatResponseFormat.Json }, cancellationToken)
            .ConfigureAwait(false);
        return Parse(response.Text, Model);
    }

    /// <summary>The valid facts in a model's JSON answer, all marked inferred and tagged with the model.</summary>
    public static IReadOnlyList<JournalFact> Parse(string json, string model)
    {
        var facts = new List<JournalFact>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException("The chat model did not answer with JSON: " + e.Message, e);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("facts", out var list) || list.ValueKind != JsonValueKind.Array)
                return facts;
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("field", out var field) || field.ValueKind != JsonValueKind.String
                    || !JournalFields.TryGet(field.GetString()!, out var definition))
                    continue;
                var confidence = item.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : 0.5;
                var fact = new JournalFact(definition.Name, FactProvenance.Inferred, Math.Clamp(confidence, 0, 1),
                    Number: item.TryGetProperty("number", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetDouble() : null,
                    Text: item.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null,
                    Unit: definition.Unit, Model: model);
                try
                {
                    fact.Validate();
                    facts.Add(fact);
                }
                catch (ArgumentException)
                {
                    // A model's malformed fact is dropped, not stored: it would be made-up structure.
                }
            }
        }

        return facts;
    }
}
