using LifeOS.Contracts;
using LifeOS.Vectors.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LifeOS.Vectors;

/// <summary>Registers the embedded vector index, and the eraser that deletes a user's points from every vector index.</summary>
public static class VectorsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="VectorIndexEraser"/> once, whichever index registration calls it.</summary>
    public static IServiceCollection AddVectorIndexEraser(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IUserDataEraser, VectorIndexEraser>());
        return services;
    }

    /// <summary>Registers one <see cref="EmbeddedVectorIndex"/> as the <see cref="IVectorIndex"/> singleton; it opens on first use.</summary>
    public static IServiceCollection AddEmbeddedVectorIndex(this IServiceCollection services, EmbeddedVectorIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(_ => new EmbeddedVectorIndex(options));
        services.AddSingleton<IVectorIndex>(provider => provider.GetRequiredService<EmbeddedVectorIndex>());
        return services.AddVectorIndexEraser();
    }
}
