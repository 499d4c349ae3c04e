using Fathom.Cli;

return await FathomApp.RunAsync(args);
