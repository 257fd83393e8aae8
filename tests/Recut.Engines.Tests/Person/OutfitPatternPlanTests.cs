using Recut.Engines.Tests.Person.Helpers;
using Recut.Engines.Tests.Person.Support;
using Recut.Engines.Tests.Support;
using Recut.TestSupport;
using Xunit.Abstractions;

namespace Recut.Engines.Tests.Person;

/// <summary>The engine looks at the outfit reference before it reports the plan, so actual_prompt and output.plan say "pattern" or "colour".</summary>
[Collection(PersonClipsCollection.Name)]
public sealed class OutfitPatternPlanTests(PersonClips clips, ITestOutputHelper output)
{
    [Fact]
    public async Task A_striped_reference_is_reported_as_a_carried_pattern()
    {
        using var dir = new TempDir("recut-pattern-plan");
        var stripes = PatternCases.Stripes(dir.File("stripes.png"), PatternCases.Red, PatternCases.Cream);
        using var run = await EngineRuns.RunEngineAsync(clips.GraceStill.VideoPath, [stripes], "change her clothes to the outfit in the reference image",
            factories: [clips.Factory]);
        output.WriteLine(run.Observer.Plan);
        output.WriteLine(run.Observer.PlanStructure);
        Assert.Contains("carry the striped pattern of the garment in reference image 1 (a swatch of the fabric) onto the person's clothing", run.Observer.Plan, StringComparison.Ordinal);
        Assert.Equal(run.Observer.Plan, run.Result.ActualPrompt);
        Assert.Contains("\"mode\":\"pattern\"", run.Observer.PlanStructure, StringComparison.Ordinal);
        Assert.Contains("\"pattern\":\"striped\"", run.Observer.PlanStructure, StringComparison.Ordinal);
    }
}
