using Campaigns.Core.Plans;

namespace Campaigns.OfficeActions;

/// <summary>
/// What an office's action did, worded for the office (Chinese): done with its message, or refused with every problem.
/// <see cref="Rows"/> are a sheet's problems with their row, so a page shows each next to its row; the CLI prints them as lines.
/// </summary>
public sealed record ActionOutcome(bool Done, string Message, IReadOnlyList<string> Problems, IReadOnlyList<PlanProblem> Rows)
{
    public static ActionOutcome Success(string message) => new(true, message, [], []);

    public static ActionOutcome Refused(params IReadOnlyList<string> problems) => new(false, "", problems, []);

    /// <summary>Prints the outcome as the CLI always has: the message on stdout, each problem on stderr; the exit status.</summary>
    public int Print()
    {
        if (Done)
        {
            Console.WriteLine(Message);
            return 0;
        }
        foreach (var problem in Problems)
        {
            Console.Error.WriteLine(problem);
        }
        return 1;
    }
}
