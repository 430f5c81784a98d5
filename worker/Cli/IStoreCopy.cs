namespace Campaigns.Cli;

/// <summary>A benchmark store saved under a name and put back, so a tick that changes it can be timed from the same state again.</summary>
public interface IStoreCopy
{
    void Save(string name);

    void Restore(string name);
}
