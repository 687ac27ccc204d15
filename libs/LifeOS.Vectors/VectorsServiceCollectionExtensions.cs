using LifeOS.Vectors.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Vectors;

/// <summary>Registers the embedded vector index.</summary>
public static class VectorsServiceCollectionExtensions
{
    /// <summary>Registers one <see cref="EmbeddedVectorIndex"/> as the <see cref="IVectorIndex"/> singleton; it opens on first use.</summary>
    public static IServiceCollection AddEmbeddedVectorIndex(this IServiceCollection services, EmbeddedVectorIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(_ => new EmbeddedVectorIndex(options));
        services.AddSingleton<IVectorIndex>(provider => provider.GetRequiredService<EmbeddedVectorIndex>());
        return services;
    }
}
