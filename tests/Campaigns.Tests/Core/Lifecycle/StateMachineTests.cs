using Campaigns.Core.Lifecycle;

namespace Campaigns.Tests.Core.Lifecycle;

public class StateMachineTests
{
    private enum Light { Red, Green, Off }

    private enum Signal { Go, Stop, Cut }

    private Light _state = Light.Red;

    private StateMachine<Light, Signal> Machine(Func<bool> goAllowed)
    {
        var machine = new StateMachine<Light, Signal>(() => _state, s => _state = s);
        machine.Configure(Light.Red).PermitIf(Signal.Go, Light.Green, goAllowed, "road clear").Permit(Signal.Cut, Light.Off);
        machine.Configure(Light.Green).Permit(Signal.Stop, Light.Red);
        return machine;
    }

    [Fact]
    public void Fire_PermittedTrigger_MovesStateThroughSetter()
    {
        var machine = Machine(() => true);
        machine.Fire(Signal.Go);
        _state.ShouldBe(Light.Green);
        machine.State.ShouldBe(Light.Green);
    }

    [Fact]
    public void Fire_GuardFalse_ThrowsNamingStateTriggerAndGuard()
    {
        var machine = Machine(() => false);
        var error = Should.Throw<InvalidTransitionException>(() => machine.Fire(Signal.Go));
        error.State.ShouldBe("Red");
        error.Trigger.ShouldBe("Go");
        error.Message.ShouldContain("road clear");
        _state.ShouldBe(Light.Red);
    }

    [Fact]
    public void Fire_TriggerNotConfiguredInState_Throws()
    {
        var machine = Machine(() => true);
        Should.Throw<InvalidTransitionException>(() => machine.Fire(Signal.Stop)).Message.ShouldContain("Stop");
    }

    [Fact]
    public void CanFire_ReflectsGuardEachTime()
    {
        var open = false;
        var machine = Machine(() => open);
        machine.CanFire(Signal.Go).ShouldBeFalse();
        open = true;
        machine.CanFire(Signal.Go).ShouldBeTrue();
        machine.PermittedTriggers.ShouldBe([Signal.Go, Signal.Cut]);
    }

    [Fact]
    public void OnEntryFrom_RunsOnlyForItsTrigger()
    {
        var machine = Machine(() => true);
        var entries = new List<string>();
        machine.Configure(Light.Red).OnEntry(t => entries.Add($"any:{t.Trigger}")).OnEntryFrom(Signal.Stop, t => entries.Add("from-stop"));
        machine.Fire(Signal.Go);
        machine.Fire(Signal.Stop);
        entries.ShouldBe(["any:Stop", "from-stop"]);
    }

    [Fact]
    public void Permit_SameTriggerTwice_Throws()
    {
        var machine = Machine(() => true);
        Should.Throw<InvalidOperationException>(() => machine.Configure(Light.Green).Permit(Signal.Stop, Light.Off));
    }

    [Fact]
    public void GetInfo_ListsEveryTransitionWithGuard()
    {
        var info = Machine(() => true).GetInfo();
        info.Transitions.Count.ShouldBe(3);
        info.Transitions.ShouldContain(t => t.Source == Light.Red && t.Trigger == Signal.Go && t.Destination == Light.Green && t.Guard == "road clear");
    }
}
