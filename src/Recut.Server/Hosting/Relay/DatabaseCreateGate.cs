using Recut.Engines.DashScope;
using Recut.Tasks.Relay;

namespace Recut.Server.Hosting.Relay;

/// <summary>The relay's <see cref="ICreateGate"/>: the per-key lease gate of the task database (<see cref="CreateGate"/>).</summary>
public sealed class DatabaseCreateGate(CreateGate gate) : ICreateGate
{
    public async Task<ICreateGatePass> EnterAsync(string keyId, CancellationToken ct) => new Pass(await gate.EnterAsync(keyId, ct));

    private sealed class Pass(CreateGatePass inner) : ICreateGatePass
    {
        public CancellationToken Lost => inner.Lost;

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
