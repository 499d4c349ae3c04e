using Fathom.Core.Errors;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Tests.Stores;

public sealed class PageTokenTests
{
    [Fact]
    public void Tokens_are_MLflows_base64_of_an_offset_object()
    {
        // base64.b64encode(json.dumps({"offset": 100}).encode()) in Python.
        Assert.Equal("eyJvZmZzZXQiOiAxMDB9", PageToken.Create(100));
        Assert.Equal(100, PageToken.ParseOffset("eyJvZmZzZXQiOiAxMDB9"));
    }

    [Fact]
    public void No_token_means_the_first_page()
    {
        Assert.Equal(0, PageToken.ParseOffset(null));
        Assert.Equal(0, PageToken.ParseOffset(""));
    }

    [Theory]
    [InlineData("%%%", "Invalid page token, could not base64-decode")]
    [InlineData("W10=", "Invalid page token, parsed value=[]")]
    [InlineData("eyJvZmZzZXQiOiAteH0=", "Invalid page token, decoded value=")]
    [InlineData("eyJvZmZzZXQiOiAtNX0=", "Invalid page token, not stringable -5")]
    public void Bad_tokens_are_INVALID_PARAMETER_VALUE(string token, string message)
    {
        var error = Assert.Throws<FathomException>(() => PageToken.ParseOffset(token));

        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
        Assert.StartsWith(message, error.Message);
    }
}
