using System.CommandLine;
using Campaigns.Core.Plans;

namespace Campaigns.Cli;

public static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("plan") { Description = "plan files (YAML)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check plan files; prints every problem as path:line:column: message.") { files };
        command.SetAction(parse => CliServices.Run(services =>
        {
            // Today from the injected clock (Campaigns:ClockStart in tests), for the warnings that depend on the date.
            var today = services.Today(null);
            var errors = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                var result = Read(file, today);
                foreach (var problem in result.Problems)
                {
                    Console.Error.WriteLine(problem.ToString());
                }
                errors += result.Problems.Count(p => p.Severity == ProblemSeverity.Error);
            }
            return errors == 0 ? 0 : 1;
        }));
        return command;
    }

    /// <summary>Reads and parses a plan; a missing file is a problem at 1:1, like any other.</summary>
    public static PlanLoadResult Read(FileInfo file, DateOnly? today = null) => file.Exists
        ? PlanText.Parse(File.ReadAllBytes(file.FullName), file.ToString(), today).Result
        : new PlanLoadResult(null, [new PlanProblem(ProblemSeverity.Error, new SourceLocation(file.ToString(), 1, 1), "找不到计划文件")]);
}
