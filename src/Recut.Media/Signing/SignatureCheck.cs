namespace Recut.Media.Signing;

/// <summary>Outcome of checking a result URL: 403 SignatureDoesNotMatch for Tampered, 403 AccessDenied for Expired.</summary>
public enum SignatureCheck
{
    Valid,
    Tampered,
    Expired,
}
