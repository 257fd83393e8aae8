namespace Recut.Server.Uploads;

/// <summary>An object key that already holds a file (or one being written): keys are never overwritten.</summary>
public sealed class UploadExistsException() : Exception("The object you specified already exists and can not be overwritten.");
