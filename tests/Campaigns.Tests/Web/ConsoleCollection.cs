namespace Campaigns.Tests.Web;

/// <summary>One worker and one browser for every console test class: starting them is most of the suite's time.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleWorker>
{
    public const string Name = "console";
}
