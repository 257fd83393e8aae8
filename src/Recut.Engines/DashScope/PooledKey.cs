using System.Security.Cryptography;
using System.Text;

namespace Recut.Engines.DashScope;

/// <summary>
/// One upstream key with its own call spacing. <see cref="Id"/> (a hash prefix) is what journals and logs carry;
/// the secret never leaves this object except in the Authorization header.
/// </summary>
public sealed class PooledKey
{
    public PooledKey(int index, string secret, DashScopeOptions options, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        Secret = secret;
        Id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..12];
        Label = $"key {index + 1} (…{(secret.Length > 4 ? secret[^4..] : "")})";
        Queries = new RateGate(options.QueriesPerSecond, time);
        Submits = new RateGate(options.SubmitsPerSecond, time);
    }

    public string Id { get; }
    /// <summary>For people: position in the pool and the last four characters.</summary>
    public string Label { get; }
    public string Secret { get; }
    public RateGate Queries { get; }
    public RateGate Submits { get; }

    public override string ToString() => Label;
}

/// <summary>What health reports about one key.</summary>
public sealed record KeyState(string Id, string Label, bool InRotation, int ConsecutiveRejections, string? LastRejection, DateTimeOffset? BackAt);
