namespace Recut.Engines.Local.Plan;

/// <summary>A step done entirely inside ffmpeg's filter graph (colour maps, blur, flip, overlay): no per-frame C# work.</summary>
public abstract record FilterOperation : EditOperation;
