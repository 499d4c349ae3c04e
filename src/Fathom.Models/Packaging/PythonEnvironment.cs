namespace Fathom.Models.Packaging;

/// <summary>
/// The environment files MLflow writes beside a model (conda.yaml, python_env.yaml, requirements.txt), so
/// <c>mlflow models serve</c> can build an environment for packages whose python_function loader exists in MLflow.
/// </summary>
internal static class PythonEnvironment
{
    public const string CondaFile = "conda.yaml";
    public const string VirtualenvFile = "python_env.yaml";
    public const string RequirementsFile = "requirements.txt";

    /// <summary>The Python MLflow 2.17 supports that Fathom declares; MLflow only warns when the loading Python differs.</summary>
    public const string PythonVersion = "3.11.2";

    public static void Write(string folder, IReadOnlyList<string> packages)
    {
        var requirements = new[] { "mlflow==" + MlModelFile.MlflowFormatVersion }.Concat(packages).ToArray();
        File.WriteAllText(Path.Combine(folder, RequirementsFile), string.Join("\n", requirements));
        File.WriteAllText(Path.Combine(folder, VirtualenvFile),
            $"python: {PythonVersion}\nbuild_dependencies:\n- pip\n- setuptools\n- wheel\ndependencies:\n- -r requirements.txt\n");
        File.WriteAllText(Path.Combine(folder, CondaFile),
            $"channels:\n- conda-forge\ndependencies:\n- python={PythonVersion}\n- pip<=24.2\n- pip:\n" +
            string.Concat(requirements.Select(r => $"  - {r}\n")) + "name: mlflow-env\n");
    }
}
