namespace LifeOS.Contracts.Payloads;

/// <summary>A URL to archive or extract; <see cref="Kind"/> (auto, web, pdf, twitter) hints which worker takes it.</summary>
public sealed record UrlSubmitted(string Url, string? Kind = null, string? Title = null, string? Note = null);
