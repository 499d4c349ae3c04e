using Fathom.Tracking.Artifacts;

namespace Fathom.Tracking.Tests.Artifacts;

public sealed class LocalArtifactRepositoryConformanceTests : ArtifactRepositoryConformance
{
    private readonly TempFolder _folder = new();

    protected override IArtifactRepository CreateRepository() => ArtifactRepositoryFactory.Create(_folder.Combine("artifacts"));

    protected override void Cleanup() => _folder.Dispose();
}
