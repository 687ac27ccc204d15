namespace LifeOS.Contracts.Payloads;

/// <summary>Text copied to the clipboard; <see cref="ContentType"/> is a MIME type such as <c>text/uri-list</c>.</summary>
public sealed record ClipboardCopied(string Content, string? ContentType = null, string? SourceApp = null);
