using Fathom.Tracking.Artifacts;

namespace Fathom.Tracking.Tests.Artifacts;

public sealed class S3ArtifactRepositoryConformanceTests : ArtifactRepositoryConformance
{
    protected override IArtifactRepository CreateRepository() => TestS3.CreateRepository($"conformance-{Guid.NewGuid():N}");
}
