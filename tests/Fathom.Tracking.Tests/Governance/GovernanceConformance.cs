using Fathom.Core.Errors;
using Fathom.Tracking.Governance;
using Fathom.Tracking.Stores;
using Fathom.Tracking.Tests.Stores;

namespace Fathom.Tracking.Tests.Governance;

public sealed class SqliteGovernanceTests : GovernanceConformance<SqliteTarget>;

public sealed class PostgresGovernanceTests : GovernanceConformance<PostgresTarget>;

/// <summary>The audit trail, users, tokens and permissions behave the same on every backend.</summary>
public abstract class GovernanceConformance<TTarget> : StoreTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    private IAuditStore Audit => (IAuditStore)Store;

    private IAuthStore Auth => (IAuthStore)Store;

    [Fact]
    public async Task Audit_search_filters_by_resource_user_and_time_newest_first_in_pages()
    {
        for (var i = 0; i < 5; i++)
        {
            await Audit.AppendAsync(new NewAuditEvent(1000 + i, i % 2 == 0 ? "alice" : "bob", "rename", "experiment", "7", $"{{\"n\":{i}}}", $"{{\"n\":{i + 1}}}"));
        }
        await Audit.AppendAsync(new NewAuditEvent(2000, null, "create", "run", "r1", null, "{}"));

        var page = await Audit.SearchAuditEventsAsync(new AuditQuery(ResourceType: "experiment", ResourceId: "7", MaxResults: 2));
        Assert.Equal([1004L, 1003L], page.Items.Select(e => e.Timestamp));
        var next = await Audit.SearchAuditEventsAsync(new AuditQuery(ResourceType: "experiment", ResourceId: "7", MaxResults: 2, PageToken: page.NextPageToken));
        Assert.Equal([1002L, 1001L], next.Items.Select(e => e.Timestamp));

        var alice = await Audit.SearchAuditEventsAsync(new AuditQuery(Username: "alice", Since: 1001, Until: 1003));
        Assert.Equal([1002L], alice.Items.Select(e => e.Timestamp));
        Assert.Equal("{\"n\":2}", alice.Items[0].Before);
        Assert.Null((await Audit.SearchAuditEventsAsync(new AuditQuery(ResourceType: "run"))).Items[0].Username);
    }

    [Fact]
    public async Task Audit_search_rejects_a_page_size_out_of_range()
    {
        var error = await Assert.ThrowsAsync<FathomException>(() => Audit.SearchAuditEventsAsync(new AuditQuery(MaxResults: 0)));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
    }

    [Fact]
    public async Task Users_are_unique_and_updates_of_a_missing_user_are_not_found()
    {
        await Auth.CreateUserAsync("carol", "hash-1", isAdmin: false);
        var duplicate = await Assert.ThrowsAsync<FathomException>(() => Auth.CreateUserAsync("carol", "hash-2", false));
        Assert.Equal(ErrorCode.RESOURCE_ALREADY_EXISTS, duplicate.Code);

        await Auth.UpdateAdminAsync("carol", true);
        await Auth.UpdatePasswordHashAsync("carol", "hash-3");
        var carol = await Auth.FindUserAsync("carol");
        Assert.Equal(("hash-3", true), (carol!.PasswordHash, carol.IsAdmin));

        var missing = await Assert.ThrowsAsync<FathomException>(() => Auth.UpdateAdminAsync("nobody", true));
        Assert.Equal(ErrorCode.RESOURCE_DOES_NOT_EXIST, missing.Code);
        Assert.Null(await Auth.FindUserAsync("nobody"));
    }

    [Fact]
    public async Task Deleting_a_user_removes_their_tokens_and_permissions()
    {
        await Auth.CreateUserAsync("dave", "h", false);
        await Auth.CreateTokenAsync("dave", new ApiTokenRecord("0123456789abcdef", "ci", "secret-hash", 5, null));
        await Auth.CreatePermissionAsync(PermissionResource.Experiment, "0", "dave", Permission.Edit);
        await Auth.CreatePermissionAsync(PermissionResource.RegisteredModel, "churn", "dave", Permission.Read);
        Assert.Equal(2, (await Auth.ListPermissionsAsync("dave")).Count);

        await Auth.DeleteUserAsync("dave");
        Assert.Null(await Auth.FindTokenAsync("0123456789abcdef"));
        await Auth.CreateUserAsync("dave", "h", false);
        Assert.Empty(await Auth.ListPermissionsAsync("dave"));
    }

    [Fact]
    public async Task Tokens_are_found_by_id_and_revoked_once()
    {
        await Auth.CreateUserAsync("erin", "h", false);
        await Auth.CreateTokenAsync("erin", new ApiTokenRecord("aaaaaaaaaaaaaaaa", "laptop", "sh", 10, null));
        await Auth.RevokeTokenAsync("erin", "aaaaaaaaaaaaaaaa", 20);
        await Auth.RevokeTokenAsync("erin", "aaaaaaaaaaaaaaaa", 30);
        var token = await Auth.FindTokenAsync("aaaaaaaaaaaaaaaa");
        Assert.Equal(("erin", 20L), (token!.Username, token.RevokedTime));
        var error = await Assert.ThrowsAsync<FathomException>(() => Auth.RevokeTokenAsync("erin", "bbbbbbbbbbbbbbbb", 1));
        Assert.Equal(ErrorCode.RESOURCE_DOES_NOT_EXIST, error.Code);
    }

    [Fact]
    public async Task Permissions_are_created_once_updated_renamed_and_deleted()
    {
        await Auth.CreateUserAsync("frank", "h", false);
        await Auth.CreatePermissionAsync(PermissionResource.RegisteredModel, "m1", "frank", Permission.Read);
        var duplicate = await Assert.ThrowsAsync<FathomException>(() =>
            Auth.CreatePermissionAsync(PermissionResource.RegisteredModel, "m1", "frank", Permission.Edit));
        Assert.Equal(ErrorCode.RESOURCE_ALREADY_EXISTS, duplicate.Code);

        await Auth.UpdatePermissionAsync(PermissionResource.RegisteredModel, "m1", "frank", Permission.Manage);
        await Auth.RenameModelPermissionsAsync("m1", "m2");
        Assert.Null(await Auth.FindPermissionAsync(PermissionResource.RegisteredModel, "m1", "frank"));
        Assert.Equal(Permission.Manage, (await Auth.FindPermissionAsync(PermissionResource.RegisteredModel, "m2", "frank"))!.Permission);

        await Auth.DeleteModelPermissionsAsync("m2");
        var missing = await Assert.ThrowsAsync<FathomException>(() =>
            Auth.DeletePermissionAsync(PermissionResource.RegisteredModel, "m2", "frank"));
        Assert.Equal(ErrorCode.RESOURCE_DOES_NOT_EXIST, missing.Code);
    }

    [Fact]
    public async Task The_experiment_of_a_run_is_read_without_loading_the_run()
    {
        var experimentId = await Store.CreateExperimentAsync("governed", null, []);
        var run = await Store.CreateRunAsync(new NewRun(experimentId, "u", 1, [], "r"));
        Assert.Equal(experimentId, await Auth.GetRunExperimentIdAsync(run.Info.RunId));
        var error = await Assert.ThrowsAsync<FathomException>(() => Auth.GetRunExperimentIdAsync("missing"));
        Assert.Equal(ErrorCode.RESOURCE_DOES_NOT_EXIST, error.Code);
    }
}
