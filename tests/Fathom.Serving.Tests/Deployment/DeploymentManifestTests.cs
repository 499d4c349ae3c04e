using YamlDotNet.RepresentationModel;

namespace Fathom.Serving.Tests.Deployment;

public sealed class DeploymentManifestTests
{
    private static YamlMappingNode Load(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(RepositoryFiles.PathOf(relative));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => current is YamlSequenceNode list ? list[int.Parse(key)] : ((YamlMappingNode)current)[key]);

    private static string Text(YamlNode node, params string[] path) => ((YamlScalarNode)At(node, path)).Value!;

    private static Dictionary<string, string> Env(YamlNode container) => ((YamlSequenceNode)At(container, "env"))
        .Cast<YamlMappingNode>().ToDictionary(e => Text(e, "name"), e => Text(e, "value"));

    [Fact]
    public void Compose_builds_from_the_repository_dockerfile_and_wires_ports_and_health_checks()
    {
        var compose = Load("deploy/compose.yaml");
        var services = (YamlMappingNode)At(compose, "services");
        Assert.Equal(["postgres", "minio", "minio-init", "tracking", "model-server"], services.Children.Keys.Select(k => k.ToString()));

        var build = At(services, "tracking", "build");
        var context = Path.GetFullPath(Path.Combine(RepositoryFiles.PathOf("deploy"), Text(build, "context")));
        Assert.Equal(RepositoryFiles.Root.TrimEnd('/'), context.TrimEnd('/'));
        Assert.True(File.Exists(Path.Combine(context, Text(build, "dockerfile"))));

        var model = At(services, "model-server");
        var port = Text(model, "environment", "FATHOM_SERVE_PORT");
        Assert.Equal($"{port}:{port}", Text(model, "ports", "0"));
        Assert.Contains($"127.0.0.1:{port}/health", string.Join(" ", ((YamlSequenceNode)At(model, "healthcheck", "test")).Select(n => n.ToString())));
        Assert.Equal("http://tracking:5000", Text(model, "environment", "MLFLOW_TRACKING_URI"));
        Assert.Equal("5000:5000", Text(services, "tracking", "ports", "0"));
        Assert.StartsWith("postgresql://", Text(services, "tracking", "environment", "FATHOM_BACKEND_STORE_URI"));
        foreach (var service in services.Children.Values.Cast<YamlMappingNode>().Where(s => s.Children.ContainsKey("depends_on")))
            Assert.All(((YamlMappingNode)service["depends_on"]).Children.Keys, dependency => Assert.Contains(dependency, services.Children.Keys));
    }

    [Fact]
    public void Kubernetes_probes_ports_and_autoscaler_point_at_what_the_server_serves()
    {
        var deployment = Load("deploy/k8s/model-server-deployment.yaml");
        var service = Load("deploy/k8s/model-server-service.yaml");
        var hpa = Load("deploy/k8s/model-server-hpa.yaml");
        var container = At(deployment, "spec", "template", "spec", "containers", "0");
        var env = Env(container);

        Assert.Equal(env["FATHOM_SERVE_PORT"], Text(container, "ports", "0", "containerPort"));
        Assert.Equal("/health", Text(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/v2/health/live", Text(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal(Text(container, "ports", "0", "name"), Text(service, "spec", "ports", "0", "targetPort"));
        Assert.Equal(Text(deployment, "metadata", "name"), Text(hpa, "spec", "scaleTargetRef", "name"));
        Assert.Equal(Text(deployment, "spec", "selector", "matchLabels", "app.kubernetes.io/name"), Text(service, "spec", "selector", "app.kubernetes.io/name"));
        Assert.Equal("1654", Text(deployment, "spec", "template", "spec", "securityContext", "runAsUser"));
    }

    [Fact]
    public void The_repository_dockerfile_copies_only_paths_that_exist()
    {
        var lines = File.ReadAllLines(RepositoryFiles.PathOf("deploy/Dockerfile"));
        var sources = lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from"))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]).ToArray();

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(Path.Exists(RepositoryFiles.PathOf(source)), $"{source} does not exist"));
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"/app/fathom.dll\"]", lines);
        Assert.Contains(lines, l => l.StartsWith("USER app", StringComparison.Ordinal));
    }

    [Fact]
    public void The_ci_workflow_runs_the_same_command_as_ci_run()
    {
        var workflow = Load(".github/workflows/ci.yml");
        var steps = (YamlSequenceNode)At(workflow, "jobs", "test", "steps");

        Assert.Contains(steps.Cast<YamlMappingNode>(), s => s.Children.ContainsKey("run") && s["run"].ToString().Trim() == "./.ci/run");
        Assert.Contains("./scripts/test.sh", File.ReadAllText(RepositoryFiles.PathOf(".ci/run")));
    }
}
