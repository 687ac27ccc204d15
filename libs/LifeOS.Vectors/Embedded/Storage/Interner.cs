namespace LifeOS.Vectors.Embedded.Storage;

/// <summary>Maps the few distinct users and types to small integers, so filter columns are ints compared in a tight loop.</summary>
internal sealed class Interner
{
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);

    public int Count => _ordinals.Count;

    public int Intern(string value)
    {
        if (!_ordinals.TryGetValue(value, out var ordinal))
        {
            ordinal = _ordinals.Count;
            _ordinals.Add(value, ordinal);
        }

        return ordinal;
    }

    public bool TryGet(string value, out int ordinal) => _ordinals.TryGetValue(value, out ordinal);
}
