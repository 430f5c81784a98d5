namespace Campaigns.Core.Lifecycle;

public static class MermaidGraph
{
    /// <summary>A Mermaid state diagram of every configured transition, guards as labels.</summary>
    public static string Format<TState, TTrigger>(StateMachine<TState, TTrigger>.StateMachineInfo info)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var lines = new List<string> { "stateDiagram-v2" };
        lines.AddRange(info.Transitions.Select(t =>
            $"    {t.Source} --> {t.Destination} : {t.Trigger}" + (t.Guard is null ? "" : $" [{t.Guard}]")));
        return string.Join('\n', lines) + "\n";
    }
}
