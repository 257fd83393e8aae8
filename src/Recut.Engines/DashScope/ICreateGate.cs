namespace Recut.Engines.DashScope;

/// <summary>
/// Lets one upstream create with a given key (and, after a lost answer, its look-up) run at a time across every process
/// of the deployment. Serialising a key's creates is what makes the look-up trustworthy: a task that appears in that
/// key's list in the window of a lost create, and that no record claims, can only be that create's. Creates with
/// different keys do not wait for each other.
/// </summary>
public interface ICreateGate
{
    /// <summary>Waits (honouring <paramref name="ct"/>) until this caller holds the gate of key <paramref name="keyId"/>.</summary>
    Task<ICreateGatePass> EnterAsync(string keyId, CancellationToken ct);
}

/// <summary>A held gate; disposing it lets the next caller in.</summary>
public interface ICreateGatePass : IAsyncDisposable
{
    /// <summary>Canceled when the gate turned out to be lost (this process stalled past its lease and another took it).</summary>
    CancellationToken Lost { get; }
}
