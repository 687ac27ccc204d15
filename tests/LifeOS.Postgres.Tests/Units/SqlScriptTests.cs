using LifeOS.Storage.Postgres.Schema;

namespace LifeOS.Postgres.Tests.Units;

/// <summary>Statement splitting for migrations that run outside a transaction (no I/O).</summary>
public sealed class SqlScriptTests
{
    [Fact]
    public void Splits_at_top_level_semicolons_and_drops_comment_only_pieces()
    {
        var statements = SqlScript.Split("""
            -- lifeos: no-transaction
            CREATE TABLE a (x int);
            /* a block comment; with a semicolon */
            SELECT 1;
            -- trailing comment;
            """);

        Assert.Equal(["CREATE TABLE a (x int)", "SELECT 1"], statements);
    }

    [Fact]
    public void Semicolons_inside_strings_identifiers_and_dollar_quotes_do_not_split()
    {
        var statements = SqlScript.Split("""
            SELECT 'a;b', 'it''s; fine', "odd;name" FROM t;
            CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
            CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT $1; SELECT 2; $body$;
            SELECT $1 + 1
            """);

        Assert.Equal(4, statements.Count);
        Assert.EndsWith("$$ SELECT 1; $$", statements[1], StringComparison.Ordinal);
        Assert.EndsWith("$body$ SELECT $1; SELECT 2; $body$", statements[2], StringComparison.Ordinal);
        Assert.Equal("SELECT $1 + 1", statements[3]);
    }

    [Fact]
    public void The_timescaledb_aggregate_migration_splits_into_its_two_statements()
    {
        var migration = MigrationCatalog.For(StoreFlavour.TimescaleDb).Single(m => !m.Transactional);

        var statements = SqlScript.Split(migration.Sql);

        Assert.Equal(2, statements.Count);
        Assert.StartsWith("CREATE MATERIALIZED VIEW IF NOT EXISTS samples_hourly", statements[0], StringComparison.Ordinal);
        Assert.StartsWith("SELECT add_continuous_aggregate_policy", statements[1], StringComparison.Ordinal);
    }
}
