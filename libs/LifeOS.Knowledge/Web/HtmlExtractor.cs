using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace LifeOS.Knowledge.Web;

/// <summary>The readable part of an HTML page: title, canonical URL and the main text without navigation, scripts or boilerplate.</summary>
public static class HtmlExtractor
{
    public const string Name = "anglesharp/1.10.3";

    // Elements that are page furniture rather than content.
    private static readonly string[] Boilerplate = ["script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "iframe"];

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "P", "DIV", "SECTION", "ARTICLE", "MAIN", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "UL", "OL", "PRE", "BLOCKQUOTE", "TABLE", "TR", "BR", "DD", "DT", "FIGCAPTION",
    };

    public static ExtractedPage Extract(string html, Uri address)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(address);
        var document = new HtmlParser().ParseDocument(html);
        var title = document.QuerySelector("meta[property='og:title']")?.GetAttribute("content")?.Trim() is { Length: > 0 } og
            ? og
            : document.Title?.Trim();
        var canonical = document.QuerySelector("link[rel='canonical']")?.GetAttribute("href") is { Length: > 0 } href
            && Uri.TryCreate(address, href, out var resolved) && resolved.Scheme is "http" or "https"
                ? resolved.AbsoluteUri
                : address.AbsoluteUri;

        foreach (var element in document.QuerySelectorAll(string.Join(", ", Boilerplate)).ToList())
            element.Remove();
        // The main content when the page marks it; the body otherwise.
        var root = document.QuerySelector("article") ?? document.QuerySelector("main") ?? document.QuerySelector("[role='main']") ?? document.Body;
        var text = root is null ? "" : Normalise(TextOf(root));
        return new ExtractedPage(string.IsNullOrEmpty(title) ? null : title, canonical, text);
    }

    private static string TextOf(INode node)
    {
        var builder = new System.Text.StringBuilder();
        Append(node, builder);
        return builder.ToString();
    }

    private static void Append(INode node, System.Text.StringBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                builder.Append(text.Data);
                continue;
            }

            if (child is not IElement element)
                continue;
            var block = Blocks.Contains(element.TagName);
            if (block)
                builder.Append("\n\n");
            Append(element, builder);
            if (block)
                builder.Append("\n\n");
        }
    }

    // Runs of spaces inside a paragraph collapse; blank lines between blocks stay as paragraph breaks for the chunker.
    private static string Normalise(string text)
    {
        var paragraphs = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => string.Join(' ', p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(p => p.Length > 0);
        return string.Join("\n\n", paragraphs);
    }
}

/// <summary>What a page says: its title, canonical URL and main text.</summary>
public sealed record ExtractedPage(string? Title, string CanonicalUrl, string Text);
