using Campaigns.Engine;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Engine;

/// <summary>
/// The year's joint checks are read from the store once and kept from tick to tick only while the store's year holds the
/// draws known here: a draw made elsewhere, or one counted here that never reached the store, makes the next use read again.
/// A fake store: counts how often each figure is read.
/// </summary>
public sealed class JointChecksOfYearTests
{
    private int _reads;
    private (int Draws, int Entities) _store = (1, 2);
    private Dictionary<string, int> _counts = new() { ["91130534MA0A1B2C3D"] = 1, ["91130534MA0A1B2C4E"] = 1 };

    private JointChecksOfYear Year() => new(() => { _reads++; return new Dictionary<string, int>(_counts); }, () => _store);

    [Fact]
    public void KeptWhileTheStoreHoldsTheSameDraws_IncludingThoseDrawnHere()
    {
        var year = Year();
        year.Count.ShouldBe(2);
        year.Revalidate();
        year.Count.ShouldBe(2);
        _reads.ShouldBe(1, "the store's year did not change: nothing is read again");

        // This tick draws one campaign of 3 entities; its apply puts exactly that in the store.
        var draw = SampleDocuments.Draw;
        year.Drawn([draw]);
        _store = (_store.Draws + 1, _store.Entities + draw.Entities.Count);
        year.Revalidate();
        year.Draws.ShouldBe(2);
        year[draw.Entities[0].Uscc].ShouldBe(1);
        _reads.ShouldBe(1);
    }

    [Fact]
    public void ReadAgain_WhenAnotherInstanceDrew()
    {
        var year = Year();
        year.Count.ShouldBe(2);
        _store = (2, 3);
        _counts["91130534MA0A1B2C5F"] = 1;
        year.Revalidate();
        year.Count.ShouldBe(3);
        _reads.ShouldBe(2);
    }

    [Fact]
    public void ReadAgain_WhenADrawCountedHereDidNotReachTheStore()
    {
        // Another instance applied the plan's tick with a draw of its own, as many entities as this one's: the store's
        // figures match what this instance expects, so the tick service forgets instead.
        var year = Year();
        year.Count.ShouldBe(2);
        var draw = SampleDocuments.Draw;
        year.Drawn([draw]);
        year.ContainsKey(draw.Entities[0].Uscc).ShouldBeTrue();
        _store = (_store.Draws + 1, _store.Entities + draw.Entities.Count);
        year.Forget();
        year.Revalidate();
        year.ContainsKey(draw.Entities[0].Uscc).ShouldBeFalse("the store's own draw is what counts");
        _reads.ShouldBe(2);
    }
}
