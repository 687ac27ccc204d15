namespace LifeOS.Vectors.Embedded.Search;

/// <summary>The k best (score, slot) pairs seen so far, in a min-heap whose root is the score to beat.</summary>
internal sealed class TopK(int k)
{
    private readonly float[] _scores = new float[k];
    private readonly long[] _slots = new long[k];

    public int Count { get; private set; }

    /// <summary>A candidate must score above this to enter; everything does until the heap is full.</summary>
    public float Threshold => Count < k ? float.NegativeInfinity : _scores[0];

    public void Offer(float score, long slot)
    {
        if (Count < k)
        {
            var i = Count++;
            _scores[i] = score;
            _slots[i] = slot;
            SiftUp(i);
        }
        else if (score > _scores[0])
        {
            _scores[0] = score;
            _slots[0] = slot;
            SiftDown(0);
        }
    }

    public void Merge(TopK other)
    {
        for (var i = 0; i < other.Count; i++)
            Offer(other._scores[i], other._slots[i]);
    }

    /// <summary>The kept pairs, best first.</summary>
    public (float Score, long Slot)[] Sorted()
    {
        var result = new (float Score, long Slot)[Count];
        for (var i = 0; i < Count; i++)
            result[i] = (_scores[i], _slots[i]);
        // Equal scores fall back to slot order so the same data answers the same way every time.
        Array.Sort(result, static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Slot.CompareTo(b.Slot));
        return result;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (_scores[parent] <= _scores[i])
                return;
            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var smallest = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < Count && _scores[left] < _scores[smallest])
                smallest = left;
            if (right < Count && _scores[right] < _scores[smallest])
                smallest = right;
            if (smallest == i)
                return;
            Swap(i, smallest);
            i = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_slots[a], _slots[b]) = (_slots[b], _slots[a]);
    }
}
