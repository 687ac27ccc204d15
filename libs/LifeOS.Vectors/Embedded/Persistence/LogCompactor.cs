namespace LifeOS.Vectors.Embedded.Persistence;

/// <summary>Rewrites the log with only the live points' upsert records, then swaps it into place atomically.</summary>
/// <remarks>
/// The new file is written beside the old one, fsynced, and renamed over it; a crash at any moment leaves either the
/// old log or the new one, both complete. The caller holds the write gate, so no append races the copy.
/// </remarks>
internal static class LogCompactor
{
    public const string TemporarySuffix = ".compacting";

    /// <summary>Compacts and returns where each kept record moved (old offset to new offset).</summary>
    public static Dictionary<long, long> Compact(VectorLog log, List<long> liveOffsets, int dimension)
    {
        liveOffsets.Sort();
        var temporary = log.Path + TemporarySuffix;
        var moved = new Dictionary<long, long>(liveOffsets.Count);
        using (var output = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 0))
        {
            VectorLog.WriteHeader(output, dimension);
            using var buffered = new BufferedStream(output, 1 << 20);
            var position = (long)VectorLog.HeaderSize;
            foreach (var offset in liveOffsets)
            {
                var framed = log.ReadFramed(offset);
                buffered.Write(framed);
                moved[offset] = position;
                position += framed.Length;
            }

            buffered.Flush();
            output.Flush(flushToDisk: true);
        }

        File.Move(temporary, log.Path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(log.Path)!);
        log.Reopen(liveOffsets.Count);
        return moved;
    }

    /// <summary>Removes what a compaction interrupted by a crash left behind; the original log is still whole.</summary>
    public static void DiscardInterrupted(string logPath)
    {
        var temporary = logPath + TemporarySuffix;
        if (File.Exists(temporary))
            File.Delete(temporary);
    }
}
