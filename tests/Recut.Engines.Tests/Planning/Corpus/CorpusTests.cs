using Recut.Engines.Local.Planning;
using Recut.Engines.Tests.Support;
using Xunit.Abstractions;

namespace Recut.Engines.Tests.Planning.Corpus;

/// <summary>
/// The planner against instructions.tsv (README.md beside it). The held-back half was never tuned on; it must be
/// ≥ 97 % right with no wrong edit and every impossible edit refused. The tuning half must hold the same line.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    private static readonly InstructionPlanner Planner = new([new AcceptingFrameProcessorFactory()]);
    private static readonly Lazy<IReadOnlyList<CorpusResult>> Results =
        new(() => PlannerCorpus.Load(PlannerCorpus.DefaultPath).Select(r => PlannerCorpus.Score(Planner, r)).ToList());

    [Fact]
    public void Corpus_has_at_least_400_labelled_instructions_in_two_halves()
    {
        var rows = Results.Value.Select(r => r.Row).ToList();
        Assert.True(rows.Count >= 400, $"{rows.Count} rows");
        Assert.InRange(rows.Count(r => r.Held), rows.Count / 2 - 1, rows.Count / 2 + 1);
        Assert.All(rows, r => Assert.Matches(@"^(refuse|[a-z]+(\([0-9A-Za-z,.]+\)|[+-])?( \+ [a-z]+(\([0-9A-Za-z,.]+\)|[+-])?)*)$", r.Expected));
        Assert.Contains(rows, r => r.Instruction.Any(c => c is >= '\u4E00' and <= '\u9FFF') && r.Instruction.Any(char.IsAsciiLetter));
    }

    [Fact]
    public void Held_back_half_is_at_least_97_percent_right_with_no_wrong_edit()
    {
        var held = Results.Value.Where(r => r.Row.Held).ToList();
        Report("held back", held);
        var counts = CorpusReport.Count(held);
        Assert.Empty(held.Where(r => r.Verdict == Verdict.WrongEdit).Select(Line));
        Assert.True(counts.RightShare >= 0.97, $"held back: {counts.Right}/{counts.Rows} right");
        Assert.Equal(counts.RefuseRows, counts.Refused);
    }

    [Fact]
    public void Tuning_half_is_at_least_97_percent_right_with_no_wrong_edit()
    {
        var tune = Results.Value.Where(r => !r.Row.Held).ToList();
        Report("tuning", tune);
        var counts = CorpusReport.Count(tune);
        Assert.Empty(tune.Where(r => r.Verdict == Verdict.WrongEdit).Select(Line));
        Assert.True(counts.RightShare >= 0.97, $"tuning: {counts.Right}/{counts.Rows} right");
        Assert.Equal(counts.RefuseRows, counts.Refused);
    }

    [Fact]
    public void Every_impossible_edit_is_refused()
    {
        var impossible = Results.Value.Where(r => r.Row.Category == "impossible").ToList();
        Assert.NotEmpty(impossible);
        Assert.Empty(impossible.Where(r => r.Actual != "refuse").Select(Line));
    }

    private void Report(string half, IReadOnlyList<CorpusResult> results)
    {
        output.WriteLine(CorpusReport.Table(Results.Value));
        foreach (var miss in results.Where(r => r.Verdict != Verdict.Right))
        {
            output.WriteLine($"{half} miss: {Line(miss)}");
        }
    }

    private static string Line(CorpusResult r) =>
        $"#{r.Row.Row} [{r.Row.Category}] {r.Row.Instruction} — expected {r.Row.Expected}, got {r.Actual}";
}
