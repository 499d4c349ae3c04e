namespace Fathom.Server.Requests;

/// <summary>
/// A request message that checks its own required fields once parsed, as MLflow's handler schemas do
/// (<c>_assert_required</c>). Type errors are caught earlier, by the parser.
/// </summary>
public interface IMlflowRequest
{
    void Validate();
}
