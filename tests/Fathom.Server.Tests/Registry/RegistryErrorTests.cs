using System.Net;
using Fathom.Server.Tests.Infrastructure;
using static Fathom.Server.Tests.Infrastructure.MlflowApi;

namespace Fathom.Server.Tests.Registry;

/// <summary>Client mistakes on every registry endpoint get MLflow's error body and a 4xx, never a 500.</summary>
public sealed class RegistryErrorTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly MlflowApi _api = server.Api;

    public static TheoryData<string, string, string?, HttpStatusCode, string> BadRequests => new()
    {
        { "GET", "registered-models/get?name=no-such-model", null, HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST" },
        { "GET", "registered-models/get", null, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "POST", "registered-models/create", "{}", HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "POST", "registered-models/create", "{\"name\": ", HttpStatusCode.BadRequest, "MALFORMED_REQUEST" },
        { "POST", "registered-models/create", "{\"name\": 5}", HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "POST", "registered-models/create", "{\"name\": \"x\", \"tags\": [{\"value\": \"v\"}]}", HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "POST", "registered-models/rename", "{\"name\": \"no-such-model\", \"new_name\": \"y\"}", HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST" },
        { "PATCH", "registered-models/update", "{\"name\": \"no-such-model\"}", HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST" },
        { "DELETE", "registered-models/delete", "{\"name\": \"no-such-model\"}", HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST" },
        { "DELETE", "registered-models/delete", "[1, 2]", HttpStatusCode.BadRequest, "MALFORMED_REQUEST" },
        { "GET", "registered-models/search?filter=name = 'a' OR name = 'b'", null, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "GET", "registered-models/search?max_results=abc", null, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "GET", "registered-models/search?order_by=bogus", null, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "GET", "registered-models/search?page_token=not-a-token", null, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "POST", "registered-models/get-latest-versions", "{\"name\": \"no-such-model\"}", HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST" },
        { "POST", "registered-models/alias", "{\"name\": \"no-such-model\", \"alias\": \"champion\", \"version\": \"1\"}", HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST" },
        { "POST", "registered-models/alias", "{\"name\": \"m\", \"alias\": \"latest\", \"version\": \"1\"}", HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "GET", "registered-models/alias?name=no-such-model&alias=champion", null, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "POST", "model-versions/create", "{\"name\": \"no-such-model\", \"source\": \"s3://b/m\"}", HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST" },
        { "POST", "model-versions/create", "{\"name\": \"x\"}", HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "GET", "model-versions/get?name=no-such-model&version=1", null, HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST" },
        { "GET", "model-versions/get?name=m&version=one", null, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "GET", "model-versions/get?name=m&version=99999999999999999999", null, HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST" },
        { "POST", "model-versions/transition-stage", "{\"name\": \"m\", \"version\": \"1\", \"stage\": \"Live\"}", HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "POST", "model-versions/transition-stage", "{\"name\": \"m\", \"version\": \"1\", \"stage\": \"Archived\", \"archive_existing_versions\": true}", HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "POST", "model-versions/transition-stage", "{\"name\": \"m\", \"version\": \"1\", \"stage\": \"Staging\", \"archive_existing_versions\": \"maybe\"}", HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "GET", "model-versions/search?filter=version_number LIKE '1'", null, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "GET", "model-versions/search?max_results=200001", null, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "GET", "model-versions/get-download-uri?name=no-such-model&version=1", null, HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST" },
        { "PATCH", "model-versions/update", "{\"name\": \"no-such-model\", \"version\": \"1\"}", HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST" },
        { "DELETE", "model-versions/delete", "{\"name\": \"no-such-model\", \"version\": \"x\"}", HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "POST", "model-versions/set-tag", "{\"name\": \"no-such-model\", \"version\": \"1\", \"key\": \"../k\", \"value\": \"v\"}", HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE" },
        { "DELETE", "model-versions/delete-tag", "{\"name\": \"no-such-model\", \"version\": \"1\", \"key\": \"k\"}", HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST" },
        { "GET", "registered-models/update?name=m", null, HttpStatusCode.NotFound, "ENDPOINT_NOT_FOUND" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_registry_request_gets_MLflows_error_body_and_a_4xx(
        string method, string path, string? body, HttpStatusCode status, string errorCode)
    {
        var response = await _api.SendAsync(new HttpMethod(method), path, body);

        Assert.Equal((status, errorCode), (response.Status, response.ErrorCode));
        Assert.False(string.IsNullOrEmpty(response.Message));
    }

    [Fact]
    public async Task Creating_a_registered_model_twice_is_RESOURCE_ALREADY_EXISTS_with_a_400()
    {
        var name = Unique("twice");
        await _api.OkPostAsync("registered-models/create", Json(new { name }));

        var response = await _api.PostAsync("registered-models/create", Json(new { name }));

        Assert.Equal((HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS"), (response.Status, response.ErrorCode));
        Assert.StartsWith($"Registered Model (name={name}) already exists.", response.Message);
    }
}
