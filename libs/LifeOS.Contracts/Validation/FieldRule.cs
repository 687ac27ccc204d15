using System.Globalization;
using System.Text.Json;

namespace LifeOS.Contracts.Validation;

/// <summary>One field of a payload and how its value is checked.</summary>
public abstract record FieldRule(string Name, bool IsRequired)
{
    public abstract void Check(JsonElement value, string path, List<string> errors);

    /// <summary>A short description of the accepted values, for documentation.</summary>
    public abstract string Describe();
}

/// <summary>A finite number within [Min, Max]; <see cref="IsInteger"/> forbids a fractional part.</summary>
public sealed record NumberField(string Name, bool IsRequired, double Min, double Max, bool IsInteger = false)
    : FieldRule(Name, IsRequired)
{
    public override void Check(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            errors.Add($"{path}: must be a finite number");
            return;
        }

        if (IsInteger && Math.Floor(number) != number)
            errors.Add($"{path}: must be a whole number");
        else if (number < Min || number > Max)
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: must be between {Min} and {Max}, was {number}"));
    }

    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{(IsInteger ? "integer" : "number")} in [{Min}, {Max}]");
}

/// <summary>A string of 1..MaxLength characters (or 0.. when <see cref="AllowEmpty"/>).</summary>
public sealed record StringField(string Name, bool IsRequired, int MaxLength = 1024, bool AllowEmpty = false)
    : FieldRule(Name, IsRequired)
{
    public override void Check(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}: must be a string");
            return;
        }

        var length = value.GetString()!.Length;
        if (length == 0 && !AllowEmpty)
            errors.Add($"{path}: must not be empty");
        else if (length > MaxLength)
            errors.Add($"{path}: must be at most {MaxLength} characters, was {length}");
    }

    public override string Describe() => $"string, at most {MaxLength} characters";
}

/// <summary>One of a fixed set of strings.</summary>
public sealed record EnumField(string Name, bool IsRequired, params string[] Values) : FieldRule(Name, IsRequired)
{
    public override void Check(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.String || !Values.Contains(value.GetString(), StringComparer.Ordinal))
            errors.Add($"{path}: must be one of {string.Join(", ", Values)}");
    }

    public override string Describe() => "one of " + string.Join(" | ", Values);
}

/// <summary>true or false.</summary>
public sealed record BooleanField(string Name, bool IsRequired) : FieldRule(Name, IsRequired)
{
    public override void Check(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            errors.Add($"{path}: must be true or false");
    }

    public override string Describe() => "boolean";
}

/// <summary>An RFC 3339 timestamp with an offset.</summary>
public sealed record TimestampField(string Name, bool IsRequired) : FieldRule(Name, IsRequired)
{
    public override void Check(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.String || !Timestamps.TryParse(value.GetString(), out _))
            errors.Add($"{path}: must be an RFC 3339 timestamp with a UTC offset, e.g. 2026-11-22T08:00:00Z");
    }

    public override string Describe() => "RFC 3339 timestamp";
}

/// <summary>An absolute http(s) URL.</summary>
public sealed record UrlField(string Name, bool IsRequired, int MaxLength = 8192) : FieldRule(Name, IsRequired)
{
    public override void Check(JsonElement value, string path, List<string> errors)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (text is null || text.Length > MaxLength
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            errors.Add($"{path}: must be an absolute http or https URL of at most {MaxLength} characters");
    }

    public override string Describe() => "absolute http(s) URL";
}

/// <summary>An array of at most MaxItems items, each checked by <see cref="Item"/> (whose name is ignored).</summary>
public sealed record ArrayField(string Name, bool IsRequired, FieldRule Item, int MaxItems = 1000) : FieldRule(Name, IsRequired)
{
    public override void Check(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}: must be an array");
            return;
        }

        var count = value.GetArrayLength();
        if (count > MaxItems)
        {
            errors.Add($"{path}: must have at most {MaxItems} items, had {count}");
            return;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
            Item.Check(item, $"{path}[{index++}]", errors);
    }

    public override string Describe() => $"array of {Item.Describe()}";
}

/// <summary>A nested object with its own schema.</summary>
public sealed record ObjectField(string Name, bool IsRequired, PayloadSchema Schema) : FieldRule(Name, IsRequired)
{
    public override void Check(JsonElement value, string path, List<string> errors) => Schema.Validate(value, path, errors);

    public override string Describe() => "object";
}
