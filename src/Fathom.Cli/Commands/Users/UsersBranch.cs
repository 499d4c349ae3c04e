using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Users;

internal static class UsersBranch
{
    public static void Configure(IConfigurator<CommandSettings> branch)
    {
        branch.SetDescription("Manage users and API tokens of a server started with --auth (credentials from MLFLOW_TRACKING_USERNAME/PASSWORD or MLFLOW_TRACKING_TOKEN).");
        branch.AddCommand<CreateUserCommand>("create").WithExample("users", "create", "alice");
        branch.AddCommand<ListUsersCommand>("list");
        branch.AddCommand<DeleteUserCommand>("delete");
        branch.AddCommand<CreateAdminCommand>("create-admin").WithExample("users", "create-admin", "admin", "--backend-store-uri", "sqlite:///fathom-data/fathom.db");
        branch.AddBranch("token", token =>
        {
            token.SetDescription("Create, list and revoke your API tokens (use one as MLFLOW_TRACKING_TOKEN).");
            token.AddCommand<CreateTokenCommand>("create").WithExample("users", "token", "create", "--name", "ci");
            token.AddCommand<ListTokensCommand>("list");
            token.AddCommand<RevokeTokenCommand>("revoke");
        });
    }
}
