namespace LifeOS.Search.Postgres;

/// <summary>The text index's own table, created on first use: it may live in the store's database or in one of its own.</summary>
internal static class TextIndexSchema
{
    /// <summary>The text search configuration: English stemming (Snowball), as the embedded index stems with Porter.</summary>
    public const string Configuration = "english";

    // The title weighs more than the body (A over B), as the embedded index weighs title matches double. The document is a
    // generated column, so it can never disagree with the text it was made from. The advisory lock keeps two processes
    // starting at once from racing on CREATE ... IF NOT EXISTS, which is not safe against concurrent creation.
    public const string Create = $"""
        SELECT pg_advisory_xact_lock(hashtext('lifeos_search_chunks'));
        CREATE TABLE IF NOT EXISTS search_chunks (
            user_id    text COLLATE "C" NOT NULL,
            id         text COLLATE "C" NOT NULL,
            kind       text COLLATE "C" NOT NULL,
            event_type text COLLATE "C" NOT NULL,
            source_id  text COLLATE "C" NOT NULL,
            position   integer NOT NULL,
            time       timestamptz NOT NULL,
            text       text NOT NULL,
            title      text,
            origin     text,
            embedding  text,
            document   tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('{Configuration}', coalesce(title, '')), 'A') || setweight(to_tsvector('{Configuration}', text), 'B')) STORED,
            PRIMARY KEY (user_id, id)
        );
        CREATE INDEX IF NOT EXISTS search_chunks_by_source ON search_chunks (user_id, source_id, position);
        CREATE INDEX IF NOT EXISTS search_chunks_document ON search_chunks USING gin (document);
        """;
}
