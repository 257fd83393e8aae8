using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Tests.Support;

/// <summary>Stands in for the person-segmentation factories when only planning is under test.</summary>
internal sealed class AcceptingFrameProcessorFactory : IFrameProcessorFactory
{
    public bool CanCreate(FrameOperation operation) => true;

    public IFrameProcessor Create(FrameOperation operation, FrameContext context) =>
        throw new InvalidOperationException("planning tests never render");
}
