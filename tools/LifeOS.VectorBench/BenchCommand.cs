using System.CommandLine;
using LifeOS.Vectors;
using LifeOS.Vectors.Embedded;

namespace LifeOS.VectorBench;

/// <summary>Everything one benchmark run needs, parsed from the command line.</summary>
public sealed record BenchOptions(int Vectors, int Dimension, int Queries, int K, IReadOnlyList<VectorQuantization> Layouts, int Seed, string? DataDirectory);

/// <summary>The command line: every option with its help text, defaults and checks.</summary>
public static class BenchCommand
{
    public static RootCommand Create(Func<BenchOptions, CancellationToken, Task<int>> run)
    {
        var vectors = Positive(new Option<int>("--vectors")
        {
            HelpName = "n",
            Description = "How many random unit vectors to index (seeded, uniform directions).",
            DefaultValueFactory = _ => 1_000_000,
        });
        var dimension = Positive(new Option<int>("--dim")
        {
            HelpName = "d",
            Description = $"Vector dimension (1 to {VectorValidation.MaxDimension}).",
            DefaultValueFactory = _ => 384,
        });
        dimension.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() > VectorValidation.MaxDimension)
                r.AddError($"--dim must be at most {VectorValidation.MaxDimension}.");
        });
        var queries = Positive(new Option<int>("--queries")
        {
            HelpName = "n",
            Description = "Timed top-k searches per layout; the baseline makes as many passes over the same bytes.",
            DefaultValueFactory = _ => 100,
        });
        var k = Positive(new Option<int>("--k")
        {
            HelpName = "k",
            Description = "Hits per search.",
            DefaultValueFactory = _ => 10,
        });
        k.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() > VectorQuery.MaxLimit)
                r.AddError($"--k must be at most {VectorQuery.MaxLimit}.");
        });
        var layouts = new Option<string>("--layouts")
        {
            HelpName = "list",
            Description = "Comma-separated in-memory layouts to measure: float32, float16, int8. The float32 index is always "
                + "built first (its log is reused by the others and its answers are the recall reference).",
            DefaultValueFactory = _ => "float32,float16,int8",
        };
        layouts.Validators.Add(r =>
        {
            if (ParseLayouts(r.GetValueOrDefault<string>() ?? "") is null)
                r.AddError("--layouts takes float32, float16 and/or int8, separated by commas.");
        });
        var seed = new Option<int>("--seed")
        {
            HelpName = "n",
            Description = "Seed for vectors and queries; the same seed gives the same data, so runs compare.",
            DefaultValueFactory = _ => 42,
        };
        var dataDirectory = new Option<string?>("--data-dir")
        {
            HelpName = "path",
            Description = "Where the index log goes. Default: a fresh temp directory, deleted at the end.",
        };

        var command = new RootCommand(
            "Builds the embedded LifeOS vector index from seeded random vectors and measures top-k search queries/s for each "
            + "in-memory layout. In the same run it times the baseline: one plain pass over the same bytes as that layout "
            + "holds (summing them as 64-bit integers with TensorPrimitives.Sum, split into the same partitions and run on "
            + "the same cores as the index), and prints index queries/s divided by baseline passes/s. A ratio of 1.0 means a "
            + "search costs what reading its vectors once costs. Also printed: a single-threaded pass, a plain float32 "
            + "dot-product pass (brute force without filter or heap), load and reopen times, and recall@k against float32.")
        {
            vectors, dimension, queries, k, layouts, seed, dataDirectory,
        };

        command.SetAction((parse, cancellationToken) => run(
            new BenchOptions(
                parse.GetValue(vectors),
                parse.GetValue(dimension),
                parse.GetValue(queries),
                parse.GetValue(k),
                ParseLayouts(parse.GetValue(layouts)!)!,
                parse.GetValue(seed),
                parse.GetValue(dataDirectory)),
            cancellationToken));
        return command;
    }

    private static List<VectorQuantization>? ParseLayouts(string text)
    {
        var layouts = new List<VectorQuantization> { VectorQuantization.Float32 };
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            VectorQuantization? layout = part.ToLowerInvariant() switch
            {
                "float32" => VectorQuantization.Float32,
                "float16" => VectorQuantization.Float16,
                "int8" => VectorQuantization.Int8,
                _ => null,
            };
            if (layout is null)
                return null;
            if (!layouts.Contains(layout.Value))
                layouts.Add(layout.Value);
        }

        return layouts;
    }

    private static Option<int> Positive(Option<int> option)
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
                r.AddError($"{option.Name} must be 1 or more.");
        });
        return option;
    }
}
