using Fathom.Core.Errors;

namespace Fathom.Tracking.Tests.Search;

internal static class SearchAssert
{
    /// <summary>Asserts the action fails as a client error (INVALID_PARAMETER_VALUE) and returns the message.</summary>
    public static string Rejects(Action action)
    {
        var error = Assert.Throws<FathomException>(action);
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
        return error.Message;
    }
}
