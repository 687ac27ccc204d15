namespace LifeOS.Contracts.Payloads;

/// <summary>The values of a derived record's <c>status</c>; absent means <see cref="Ok"/>.</summary>
public static class ProcessingStatus
{
    public const string Ok = "ok";

    /// <summary>The step did not run (no model configured, nothing to do); <c>reason</c> says why.</summary>
    public const string Skipped = "skipped";

    /// <summary>The step ran and failed for this input; <c>reason</c> carries the error.</summary>
    public const string Failed = "failed";
}
