namespace LifeOS.Identity;

/// <summary>Settings under <c>LifeOS:Auth</c>.</summary>
public sealed class IdentityOptions
{
    public const string Section = "LifeOS:Auth";
    public const int MinimumBootstrapTokenLength = 16;

    /// <summary>When set, an owner account holding this bearer token is ensured at start-up (automation, first start).</summary>
    public string? BootstrapToken { get; set; }
}
