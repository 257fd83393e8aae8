using Recut.Engines.Local.Plan;
using Recut.Engines.Tests.Person.Helpers;
using Recut.Engines.Tests.Person.Support;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Person;

public sealed class ProcessorContractTests
{
    [Fact]
    public void A_buffer_that_is_not_one_frame_is_refused()
    {
        using var dir = new TempDir();
        var factory = Local.Person.PersonFrameProcessorFactory.FromOptions(new() { ModelsDirectory = PersonAssets.ModelsRoot() });
        using var processor = factory.Create(new BackgroundGrayscaleOp(), PersonContexts.For(64, 48, dir.Path));
        var error = Assert.Throws<ArgumentException>(() => processor.Process(new byte[(64 * 48 * 3) - 1], 0));
        Assert.Contains("64x48", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disposed_processor_refuses_frames()
    {
        using var dir = new TempDir();
        var factory = Local.Person.PersonFrameProcessorFactory.FromOptions(new() { ModelsDirectory = PersonAssets.ModelsRoot() });
        var processor = factory.Create(new BackgroundBlurOp(0.3), PersonContexts.For(64, 48, dir.Path));
        processor.Dispose();
        processor.Dispose(); // twice is harmless
        Assert.Throws<ObjectDisposedException>(() => processor.Process(new byte[64 * 48 * 3], 0));
    }
}
