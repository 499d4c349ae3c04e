using Fathom.Serving.Models;

namespace Fathom.Serving.Deployment;

/// <summary>The text of a model image's Dockerfile: build stage on the SDK image, small runtime stage, non-root user.</summary>
public static class Dockerfile
{
    public const string AppFolder = "/app";
    public const string ModelFolder = "/model";
    public const int Port = 8080;

    public const string Ignore = """
        # Only the model and the Fathom sources belong in the build; never build output or local data.
        **/bin/
        **/obj/
        **/fathom-data/
        **/.git/
        **/*.user

        """;

    internal static string ForModel(ResolvedModel model) => $$"""
        # Model image for {{model.Name}} version {{model.Version}}, written by `fathom models generate-dockerfile`.
        #   docker build -t {{Tag(model)}} .
        #   docker run -p {{Port}}:{{Port}} {{Tag(model)}}
        FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
        WORKDIR /source
        COPY {{DockerContext.SourceFolder}}/ ./
        # ReadyToRun: precompiled for the image's platform, so the server starts and loads the model with less JIT work.
        RUN dotnet publish src/Fathom.Cli/Fathom.Cli.csproj -c Release --use-current-runtime --self-contained false \
            -p:PublishReadyToRun=true -o {{AppFolder}} -nologo

        FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
        # libgomp1: LightGBM's native library; curl: the health check.
        RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 curl && rm -rf /var/lib/apt/lists/*
        WORKDIR {{AppFolder}}
        COPY --from=build {{AppFolder}} {{AppFolder}}
        COPY {{DockerContext.ModelFolder}}/ {{ModelFolder}}/
        RUN mkdir -p /data && chown app:app /data
        # The port comes from FATHOM_SERVE_PORT (docker run -e FATHOM_SERVE_PORT=9000 -p 9000:9000 ...).
        ENV HOME=/home/app \
            FATHOM_SERVE_HOST=0.0.0.0 \
            FATHOM_SERVE_PORT={{Port}} \
            FATHOM_SERVE_PREDICTION_LOG_DESTINATION=/data/predictions
        USER app
        EXPOSE {{Port}}
        HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
          CMD curl -fsS "http://127.0.0.1:${FATHOM_SERVE_PORT}/health" || exit 1
        ENTRYPOINT ["dotnet", "{{AppFolder}}/fathom.dll", "models", "serve", "-m", "{{ModelFolder}}"]

        """;

    private static string Tag(ResolvedModel model) =>
        $"{string.Concat(model.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'))}:{model.Version}";
}
