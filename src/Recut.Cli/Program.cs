using System.CommandLine;
using Recut.Cli.Commands;

var root = new RootCommand("recut — a self-hostable video-edit service speaking the Wan 2.7 video-edit API")
{
    ServeCommand.Create(),
    EditCommand.Create(),
    DemoCommand.Create(),
    KeysCommand.Create(),
    WebhooksCommand.Create(),
    PlanCommand.Create(),
};
foreach (var command in RemoteCommands.Create())
{
    root.Subcommands.Add(command);
}
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // System.CommandLine answers a usage error with exit 1, which scripts read as "the task failed"; ours is 2.
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }
    var path = new List<string>();
    for (var c = parsed.CommandResult; c is not null; c = c.Parent as System.CommandLine.Parsing.CommandResult)
    {
        path.Insert(0, c.Parent is null ? "recut" : c.Command.Name);
    }
    Console.Error.WriteLine($"Run '{string.Join(' ', path)} --help' for usage.");
    return ExitCodes.Usage;
}
return await parsed.InvokeAsync();
