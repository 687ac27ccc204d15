using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LifeOS.State;

/// <summary>Registers the state store and the helpers built on it.</summary>
public static class StateExtensions
{
    /// <summary>Registers the in-process <see cref="IStateStore"/> (the single-process shape) and the helpers.</summary>
    public static IServiceCollection AddInProcessStateStore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IStateStore>(sp => new InProcessStateStore(sp.GetRequiredService<TimeProvider>()));
        return services.AddStateHelpers();
    }

    /// <summary>Registers <see cref="DistributedLock"/>, <see cref="ChunkAssembler"/> and <see cref="CameraFramePairer"/>
    /// over whichever <see cref="IStateStore"/> is registered; options come from registered
    /// <see cref="ChunkAssemblyOptions"/> / <see cref="CameraPairingOptions"/> instances when present.</summary>
    public static IServiceCollection AddStateHelpers(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DistributedLock(sp.GetRequiredService<IStateStore>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ChunkAssembler(sp.GetRequiredService<IStateStore>(), sp.GetService<ChunkAssemblyOptions>()));
        services.TryAddSingleton(sp => new CameraFramePairer(
            sp.GetRequiredService<IStateStore>(), sp.GetRequiredService<DistributedLock>(), sp.GetService<CameraPairingOptions>()));
        return services;
    }
}
