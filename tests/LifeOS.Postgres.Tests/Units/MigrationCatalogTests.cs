using LifeOS.Storage.Postgres.Schema;

namespace LifeOS.Postgres.Tests.Units;

/// <summary>The embedded migrations are complete for both flavours (no I/O).</summary>
public sealed class MigrationCatalogTests
{
    [Theory]
    [InlineData(StoreFlavour.PostgreSql)]
    [InlineData(StoreFlavour.TimescaleDb)]
    public void Each_flavour_has_every_version_once_in_order(StoreFlavour flavour)
    {
        var migrations = MigrationCatalog.For(flavour);

        Assert.Equal(Enumerable.Range(1, MigrationCatalog.LatestVersion), migrations.Select(m => m.Version));
        Assert.All(migrations, m => Assert.True(m.Flavour is null || m.Flavour == flavour));
        Assert.All(migrations, m => Assert.Matches("^[0-9a-f]{64}$", m.Checksum));
    }

    [Fact]
    public void Both_flavours_report_themselves_through_the_same_function()
    {
        foreach (var flavour in new[] { StoreFlavour.PostgreSql, StoreFlavour.TimescaleDb })
        {
            var sql = string.Concat(MigrationCatalog.For(flavour).Select(m => m.Sql));
            Assert.Contains($"lifeos_store_flavour() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT '{flavour.ToName()}' $$", sql, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Only_the_continuous_aggregate_runs_outside_a_transaction()
    {
        Assert.All(MigrationCatalog.For(StoreFlavour.PostgreSql), m => Assert.True(m.Transactional));
        Assert.Equal(["0004_hourly_metrics.timescaledb"], MigrationCatalog.For(StoreFlavour.TimescaleDb).Where(m => !m.Transactional).Select(m => m.ToString()));
    }
}
