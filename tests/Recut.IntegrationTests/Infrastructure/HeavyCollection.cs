namespace Recut.IntegrationTests.Infrastructure;

/// <summary>
/// Tests that load the machine by themselves (the chaos run's four processes, a 1080p encode killed and resumed, relay
/// servers of their own) or that measure time against a lease. xunit runs this collection after the parallel ones,
/// alone, so they neither starve nor are starved by the rest of the assembly on two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyCollection
{
    public const string Name = "heavy, run alone";
}
