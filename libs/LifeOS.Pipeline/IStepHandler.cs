using LifeOS.Contracts;

namespace LifeOS.Pipeline;

/// <summary>The work of one step on one event. Must be idempotent: after a crash an event may be handled again.</summary>
public interface IStepHandler
{
    ValueTask<StepResult> HandleAsync(LifeEvent source, CancellationToken cancellationToken);
}
