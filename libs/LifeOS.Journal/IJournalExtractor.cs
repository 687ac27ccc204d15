namespace LifeOS.Journal;

/// <summary>Turns the text of a journal entry into facts, with times resolved against when the entry was written.</summary>
public interface IJournalExtractor
{
    /// <summary>Extracts facts from <paramref name="text"/>.</summary>
    /// <param name="text">The entry as written; spans index into it.</param>
    /// <param name="entryTime">When the entry was written; "yesterday" and "this morning" are resolved against it.</param>
    /// <param name="zone">The writer's time zone, which decides where a day starts; null keeps the offset of <paramref name="entryTime"/>.</param>
    JournalExtraction Extract(string text, DateTimeOffset entryTime, TimeZoneInfo? zone = null);
}
