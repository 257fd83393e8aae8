namespace Recut.Cli.Commands;

/// <summary>
/// What every command's exit status means, so scripts can branch on it without parsing text (README "Exit codes").
/// </summary>
public static class ExitCodes
{
    /// <summary>Done: the edit succeeded, the task was found, the list was printed.</summary>
    public const int Done = 0;

    /// <summary>The task failed or was canceled, the instruction was refused, or the server refused the call.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage or input: unknown option, missing argument, file not found, invalid parameter (HTTP 400).</summary>
    public const int Usage = 2;

    /// <summary>No such task (UNKNOWN, HTTP 404) or no such key.</summary>
    public const int NotFound = 3;

    /// <summary>The endpoint could not be reached (connection refused, DNS, timeout).</summary>
    public const int Unreachable = 4;
}
