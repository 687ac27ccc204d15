namespace LifeOS.Journal;

/// <summary>The catalogue of fields journal facts fill; nothing else spells a field name.</summary>
public static class JournalFields
{
    /// <summary>Unit of every 0–10 rating.</summary>
    public const string ScoreUnit = "score";

    public static readonly JournalField SleepDuration = new("sleep.duration", FieldKind.Number, "h", false, 0, 24);
    public static readonly JournalField SleepQuality = new("sleep.quality", FieldKind.Number, ScoreUnit, false, 0, 10);
    public static readonly JournalField MoodScore = new("mood.score", FieldKind.Number, ScoreUnit, false, 0, 10);
    public static readonly JournalField EnergyScore = new("energy.score", FieldKind.Number, ScoreUnit, false, 0, 10);
    public static readonly JournalField StressScore = new("stress.score", FieldKind.Number, ScoreUnit, false, 0, 10);
    public static readonly JournalField ExerciseType = new("exercise.type", FieldKind.Text, null, true);
    public static readonly JournalField ExerciseDuration = new("exercise.duration", FieldKind.Number, "min", true, 0, 24 * 60);
    public static readonly JournalField ExerciseDistance = new("exercise.distance", FieldKind.Number, "km", true, 0, 1000);
    public static readonly JournalField FoodItems = new("food.items", FieldKind.Text, null, true);

    /// <summary>An amount of money spent; the fact's unit is the ISO 4217 currency code, absent when the text names none.</summary>
    public static readonly JournalField SpendingAmount = new("spending.amount", FieldKind.Number, null, true, 0, 1e9);

    public static readonly JournalField WorkDuration = new("work.duration", FieldKind.Number, "h", false, 0, 24);
    public static readonly JournalField People = new("people", FieldKind.Text, null, true);
    public static readonly JournalField Places = new("places", FieldKind.Text, null, true);
    public static readonly JournalField Activities = new("activities", FieldKind.Text, null, true);

    public static IReadOnlyList<JournalField> All { get; } =
    [
        SleepDuration, SleepQuality, MoodScore, EnergyScore, StressScore,
        ExerciseType, ExerciseDuration, ExerciseDistance, FoodItems, SpendingAmount,
        WorkDuration, People, Places, Activities,
    ];

    private static readonly Dictionary<string, JournalField> ByName = All.ToDictionary(field => field.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out JournalField field) => ByName.TryGetValue(name, out field!);

    /// <summary>Finds a field by name; an unknown name is an error that lists the known ones.</summary>
    public static JournalField Get(string name) =>
        ByName.TryGetValue(name, out var field)
            ? field
            : throw new ArgumentException($"Unknown journal field '{name}'. Known fields: {string.Join(", ", ByName.Keys)}.", nameof(name));
}
