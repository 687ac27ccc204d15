namespace LifeOS.Journal.Text;

/// <summary>A range of characters in the entry, end exclusive.</summary>
internal readonly record struct TextRange(int Start, int End)
{
    public int Length => End - Start;

    public bool Contains(int index) => index >= Start && index < End;

    public bool Overlaps(int start, int end) => start < End && end > Start;
}
