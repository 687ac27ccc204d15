namespace LifeOS.Storage.Postgres.Schema;

/// <summary>One schema step: an embedded SQL file, either common to both flavours or written for one of them.</summary>
/// <param name="Version">Its order; versions are applied from low to high, each exactly once.</param>
/// <param name="Name">What it does, from the file name (<c>0003_store.postgresql.sql</c> → <c>store</c>).</param>
/// <param name="Flavour">The flavour the file was written for, or null when both use it.</param>
/// <param name="Transactional">False for files marked <c>-- lifeos: no-transaction</c>: their statements run one by one.</param>
/// <param name="Checksum">SHA-256 of the file, recorded when applied, so an edited, already-applied migration is noticed.</param>
public sealed record Migration(int Version, string Name, StoreFlavour? Flavour, string Sql, bool Transactional, string Checksum)
{
    public const string NoTransactionMarker = "-- lifeos: no-transaction";

    public override string ToString() => $"{Version:D4}_{Name}{(Flavour is { } f ? "." + f.ToName() : "")}";
}
