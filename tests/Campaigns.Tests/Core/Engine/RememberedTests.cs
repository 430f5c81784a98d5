using Campaigns.Core.Engine;

namespace Campaigns.Tests.Core.Engine;

public class RememberedTests
{
    private sealed class Owner;

    [Fact]
    public void Get_TheSameInputObjects_AnswersAgainWithoutComputing()
    {
        var remembered = new Remembered<Owner, string>();
        var (owner, first, second) = (new Owner(), new object(), new object());
        var computed = 0;

        var answer = remembered.Get(owner, first, second, () => $"answer {++computed}");
        var again = remembered.Get(owner, first, second, () => $"answer {++computed}");

        again.ShouldBeSameAs(answer);
        computed.ShouldBe(1);
    }

    [Fact]
    public void Get_AnotherInputObject_EvenAnEqualOne_ComputesAgainAndKeepsTheNewAnswer()
    {
        var remembered = new Remembered<Owner, string>();
        var owner = new Owner();
        var computed = 0;
        List<int> results = [1, 2];

        remembered.Get(owner, results, null, () => $"answer {++computed}").ShouldBe("answer 1");
        // Read again after a change: a new list, though its items may be the same.
        List<int> readAgain = [1, 2];
        remembered.Get(owner, readAgain, null, () => $"answer {++computed}").ShouldBe("answer 2");
        remembered.Get(owner, readAgain, null, () => $"answer {++computed}").ShouldBe("answer 2");
        remembered.Get(owner, readAgain, new object(), () => $"answer {++computed}").ShouldBe("answer 3");
    }

    [Fact]
    public void Get_AnotherOwner_HasAnswersOfItsOwn()
    {
        var remembered = new Remembered<Owner, string>();
        var inputs = new object();

        remembered.Get(new Owner(), inputs, null, () => "first owner's");

        remembered.Get(new Owner(), inputs, null, () => "second owner's").ShouldBe("second owner's");
    }
}
