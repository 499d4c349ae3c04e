using Fathom.Server;

var options = FathomServerOptions.FromEnvironment();
await using var app = await FathomServer.BuildAsync(options);
await app.RunAsync();
