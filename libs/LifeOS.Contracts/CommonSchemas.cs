using LifeOS.Contracts.Payloads;
using LifeOS.Contracts.Validation;

namespace LifeOS.Contracts;

/// <summary>Sub-schemas and limits that several topics share (blob references, boxes, the derived-record status).</summary>
/// <remarks>
/// A class of its own rather than fields of <see cref="TopicCatalogue"/>: the runtime initialises it on first
/// access, so the catalogue's initialisers can use it whatever order they are written in.
/// </remarks>
internal static class CommonSchemas
{
    // 2^53: the largest integer a JSON number (an IEEE double) carries exactly.
    public const double MaxExactInteger = 9_007_199_254_740_992;

    /// <summary>16K: larger than any screen or camera sensor a person carries.</summary>
    public const int MaxImageSide = 16_384;

    /// <summary>One day: the longest audio chunk a device may send, and so the longest offset into one.</summary>
    public const int MaxChunkMs = 86_400_000;

    public const int MaxJournalLength = 50_000;

    public static readonly PayloadSchema Blob = new(
        new StringField("sha256", IsRequired: true, MaxLength: 64),
        new NumberField("size", IsRequired: true, 0, MaxExactInteger, IsInteger: true),
        new StringField("contentType", IsRequired: true, MaxLength: 255));

    // Normalised to the frame (0..1) so boxes compare across resolutions and models.
    public static readonly PayloadSchema Box = new(
        new NumberField("x", true, 0, 1),
        new NumberField("y", true, 0, 1),
        new NumberField("width", true, 0, 1),
        new NumberField("height", true, 0, 1));

    /// <summary>Appended to every processed schema: a step that could not run says so instead of inventing output.</summary>
    public static readonly FieldRule[] DerivedStatus =
    [
        new EnumField("status", false, ProcessingStatus.Ok, ProcessingStatus.Skipped, ProcessingStatus.Failed),
        new StringField("reason", false, 2000),
    ];

    public static StringField Model() => new("model", false, 256);

    public static ArrayField Tags() => new("tags", false, new StringField("tag", true, 64), MaxItems: 50);
}
