using System.Data.Common;

namespace Campaigns.Storage;

/// <summary>
/// What differs between the embedded store (SQLite) and the production store (PostgreSQL); every query of
/// <see cref="CampaignStore"/> is written once for both.
/// </summary>
public abstract class StoreProvider : IDisposable
{
    /// <summary>For logs and errors: "SQLite data/campaigns.db", "PostgreSQL 127.0.0.1:5432/campaigns".</summary>
    public abstract string Description { get; }

    /// <summary>True when several worker processes may share the store (row claims and advisory locks are real).</summary>
    public abstract bool Shared { get; }

    internal abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>Run first in the migration transaction, so two instances starting together migrate one after the other.</summary>
    internal abstract string MigrationLock { get; }

    /// <summary>Run before an audit row is appended, so two transactions cannot both take the next seq.</summary>
    internal abstract string AuditLock { get; }

    /// <summary>Appended to the outbox claim's SELECT: instances skip each other's rows instead of waiting or sending twice.</summary>
    internal abstract string SkipLocked { get; }

    /// <summary>Follows <c>FROM deliveries</c> where pending rows are read oldest first: the index that holds them in that order.</summary>
    internal virtual string PendingByAge => "";

    /// <summary>An open connection, set up for the store's queries.</summary>
    internal abstract DbConnection Connect();


    /// <summary>A condition "column is one of the list in parameter".</summary>
    internal abstract string InList(string column, string parameter);

    /// <summary>Lists the tables of the connected database, to tell a campaigns store from anything else.</summary>
    internal abstract string TablesQuery { get; }

    /// <summary>Run once before migrating, outside any transaction.</summary>
    internal virtual string Setup => "";

    /// <summary>A connection that cannot create or change the database: health, metrics and restore only look.</summary>
    internal virtual DbConnection ConnectReadOnly() => Connect();

    /// <summary>Called once when the store is opened for use, before the first connection.</summary>
    internal virtual void Create()
    {
    }

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
