namespace Recut.Engines;

/// <summary>
/// Performs one edit. Implementations live in their own folder (Local/, DashScope/) and are chosen by
/// configuration. An instruction the engine cannot honour throws
/// <see cref="Recut.Protocol.Errors.ApiErrorException"/> with UnsupportedEdit — never an unchanged video.
/// </summary>
public interface IEditEngine
{
    /// <summary>Configuration name, e.g. "local" or "dashscope".</summary>
    string Name { get; }

    Task<EditResult> RunAsync(EditJob job, IEditObserver observer, CancellationToken ct);
}

/// <summary>
/// The plan an engine reports before it renders: its plain words (<c>actual_prompt</c> when prompt_extend is on) and,
/// when the engine planned the edit itself, its structure as a JSON object (<c>output.plan</c>); an upstream relay
/// only has the words.
/// </summary>
public sealed record PlanReport(string Description, string? StructureJson = null);

/// <summary>Receives the plan as soon as it exists and progress while frames are written.</summary>
public interface IEditObserver
{
    Task OnPlanAsync(PlanReport plan, CancellationToken ct);

    /// <summary>Fraction done, 0..1; called often, implementations throttle.</summary>
    void OnProgress(double fraction);
}

/// <summary>An observer that ignores everything (benchmarks, tests).</summary>
public sealed class NullEditObserver : IEditObserver
{
    public static readonly NullEditObserver Instance = new();
    public Task OnPlanAsync(PlanReport plan, CancellationToken ct) => Task.CompletedTask;
    public void OnProgress(double fraction) { }
}
