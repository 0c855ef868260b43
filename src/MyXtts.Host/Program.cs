using MyXtts.Host.Cli;

return await CliApplication.RunAsync(args);
