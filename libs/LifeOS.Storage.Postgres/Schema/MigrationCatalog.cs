using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace LifeOS.Storage.Postgres.Schema;

/// <summary>The schema migrations embedded in this assembly (<c>Migrations/NNNN_name[.flavour].sql</c>), in order.</summary>
public static partial class MigrationCatalog
{
    private const string ResourcePrefix = "Migrations/";

    private static readonly Lazy<IReadOnlyList<Migration>> All = new(Load);

    /// <summary>The schema version this build needs: the highest embedded migration.</summary>
    public static int LatestVersion => All.Value.Max(m => m.Version);

    /// <summary>The migrations a database of the given flavour gets, lowest version first.</summary>
    public static IReadOnlyList<Migration> For(StoreFlavour flavour) =>
        [.. All.Value.Where(m => m.Flavour is null || m.Flavour == flavour).OrderBy(m => m.Version)];

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+?)(?:\.(postgresql|timescaledb))?\.sql$")]
    private static partial Regex FileName();

    private static List<Migration> Load()
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var file = resource[ResourcePrefix.Length..];
            var match = FileName().Match(file);
            if (!match.Success)
                throw new InvalidOperationException($"migration file '{file}' is not named NNNN_name.sql or NNNN_name.(postgresql|timescaledb).sql");

            var bytes = Read(assembly, resource);
            var sql = Encoding.UTF8.GetString(bytes);
            migrations.Add(new Migration(
                int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups[2].Value,
                match.Groups[3].Success ? StoreFlavourNames.Parse(match.Groups[3].Value) : null,
                sql,
                !sql.StartsWith(Migration.NoTransactionMarker, StringComparison.Ordinal),
                Convert.ToHexStringLower(SHA256.HashData(bytes))));
        }

        Validate(migrations);
        return migrations;
    }

    // Every version must exist exactly once for each flavour: either one common file or one file per flavour.
    private static void Validate(List<Migration> migrations)
    {
        if (migrations.Count == 0)
            throw new InvalidOperationException("no schema migrations are embedded in " + typeof(MigrationCatalog).Assembly.GetName().Name);

        foreach (var version in migrations.GroupBy(m => m.Version))
        {
            var common = version.Count(m => m.Flavour is null);
            var plain = version.Count(m => m.Flavour == StoreFlavour.PostgreSql);
            var timescale = version.Count(m => m.Flavour == StoreFlavour.TimescaleDb);
            if (!(common == 1 && plain + timescale == 0) && !(common == 0 && plain == 1 && timescale == 1))
                throw new InvalidOperationException(
                    $"migration version {version.Key:D4} needs one common file or one file per flavour; found {string.Join(", ", version)}");
        }
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
