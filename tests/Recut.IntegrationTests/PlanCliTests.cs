using System.Text.Json;
using Recut.IntegrationTests.Infrastructure;

namespace Recut.IntegrationTests;

/// <summary>`recut plan` as a user runs it: the plan in words or as JSON, and exit code 1 with the refusal.</summary>
[Collection(ServerCollection.Name)]
public sealed class PlanCliTests
{
    [Fact]
    public async Task Plan_prints_the_steps_and_how_the_words_were_read()
    {
        var (code, stdout, stderr) = await RecutCli.RunAsync(["plan", "blur the bakground, no sepia", "--refs", "0"]);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("blur the background", stdout, StringComparison.Ordinal);
        Assert.Contains("read \"bakground\" as \"background\"", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("sepia (vintage) tone", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_json_is_the_structured_plan()
    {
        var (code, stdout, stderr) = await RecutCli.RunAsync(["plan", "logo放在top right", "--refs", "1", "--json"]);
        Assert.True(code == 0, stdout + stderr);
        using var doc = JsonDocument.Parse(stdout);
        var step = Assert.Single(doc.RootElement.GetProperty("steps").EnumerateArray());
        Assert.Equal("overlay", step.GetProperty("op").GetString());
        Assert.Equal("top_right", step.GetProperty("anchor").GetString());
    }

    [Fact]
    public async Task Plan_of_an_impossible_edit_exits_1_with_the_refusal()
    {
        var (code, stdout, _) = await RecutCli.RunAsync(["plan", "make the person dance"]);
        Assert.Equal(1, code);
        Assert.Contains("UnsupportedEdit", stdout, StringComparison.Ordinal);
        Assert.Contains("\"make the person dance\"", stdout, StringComparison.Ordinal);
    }
}
