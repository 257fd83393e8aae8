using System.Text;
using Recut.Media.Signing;
using Recut.Server.Configuration;

namespace Recut.Server.Signing;

/// <summary>
/// The server secret behind result URLs and upload policies: RECUT_SIGNING_SECRET when set (the same in every process
/// of a deployment with no shared folder), else the random secret file under &lt;data&gt;/secrets (the embedded default,
/// shared by every process on that folder).
/// </summary>
public static class SigningSecret
{
    public static byte[] Resolve(RecutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.SigningSecret)
            ? SecretFile.LoadOrCreate(Path.Combine(options.DataDirectory, "secrets"))
            : Encoding.UTF8.GetBytes(options.SigningSecret.Trim());
    }
}
