using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Recut.Tasks.Keys;

/// <summary>
/// What a key is made of and how it is recognised. The hash and tenant rules are the ones static keys
/// (RECUT_API_KEYS) use too, so one key string always means one tenant whichever way it was configured.
/// </summary>
public static partial class ApiKeyMaterial
{
    public const string KeyPrefix = "sk-recut-";

    /// <summary>Characters of a key shown in listings: the fixed prefix and 4 of the 32 random hex digits.</summary>
    public const int ShownPrefixLength = 13;

    /// <summary>A new key: "sk-recut-" and 128 random bits in hex.</summary>
    public static string NewKey() => KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>SHA-256 of the key's UTF-8 bytes, lower-case hex. A plain hash suffices: keys are 128-bit random, not passwords.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>The tenant id of a key hash: "t_" + its first 24 hex digits.</summary>
    public static string TenantOfHash(string keyHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyHash);
        return "t_" + keyHash[..24];
    }

    public static string PrefixOf(string key) => key.Length <= ShownPrefixLength ? key : key[..ShownPrefixLength];

    /// <summary>Names are for people and shell scripts: 1–64 of letters, digits, '.', '_', '-', starting with a letter or digit.</summary>
    public static string ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return NamePattern().IsMatch(name)
            ? name
            : throw new ArgumentException(
                $"'{name}' is not a valid key name: use 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit.", nameof(name));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
