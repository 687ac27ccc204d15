namespace LifeOS.Storage.Postgres.Schema;

/// <summary>Splits a SQL script into statements at top-level semicolons (not inside quotes, dollar quotes or comments).</summary>
/// <remarks>Needed for migrations that must run outside a transaction: a multi-statement command would run as one implicit transaction.</remarks>
public static class SqlScript
{
    public static IReadOnlyList<string> Split(string script)
    {
        var statements = new List<string>();
        var start = 0;
        var i = 0;
        while (i < script.Length)
        {
            var c = script[i];
            if (c == '-' && At(script, i, "--"))
                i = SkipPast(script, i, "\n");
            else if (c == '/' && At(script, i, "/*"))
                i = SkipPast(script, i + 2, "*/");
            else if (c is '\'' or '"')
                i = SkipQuoted(script, i, c);
            else if (c == '$' && DollarTag(script, i) is { } tag)
                i = SkipPast(script, i + tag.Length, tag);
            else if (c == ';')
            {
                Add(statements, script[start..i]);
                start = ++i;
            }
            else
                i++;
        }

        Add(statements, script[start..]);
        return statements;
    }

    private static void Add(List<string> statements, string text)
    {
        // Leading comments go (a piece holding nothing else is not a statement); the rest is kept as written.
        var code = CodeStart(text);
        if (code >= 0)
            statements.Add(text[code..].TrimEnd());
    }

    private static int CodeStart(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (At(text, i, "--"))
                i = SkipPast(text, i, "\n");
            else if (At(text, i, "/*"))
                i = SkipPast(text, i + 2, "*/");
            else if (char.IsWhiteSpace(text[i]))
                i++;
            else
                return i;
        }

        return -1;
    }

    private static bool At(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    private static int SkipPast(string text, int index, string terminator)
    {
        var end = text.IndexOf(terminator, index, StringComparison.Ordinal);
        return end < 0 ? text.Length : end + terminator.Length;
    }

    // A doubled quote inside a quoted string or identifier is an escaped quote, not its end.
    private static int SkipQuoted(string text, int index, char quote)
    {
        var i = index + 1;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return text.Length;
    }

    // $$ or $tag$ where tag is an identifier; "$1" (a parameter) is not a dollar quote.
    private static string? DollarTag(string text, int index)
    {
        var i = index + 1;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
            i++;
        if (i >= text.Length || text[i] != '$')
            return null;
        var tag = text[index..(i + 1)];
        return tag.Length > 2 && char.IsAsciiDigit(tag[1]) ? null : tag;
    }
}
