using System.CommandLine;
using Recut.Cli.Commands;

var root = new RootCommand("recut — a self-hostable video-edit service speaking the Wan 2.7 video-edit API")
{
    ServeCommand.Create(),
    EditCommand.Create(),
    DemoCommand.Create(),
    KeysCommand.Create(),
    PlanCommand.Create(),
};
foreach (var command in RemoteCommands.Create())
{
    root.Subcommands.Add(command);
}
return await root.Parse(args).InvokeAsync();
