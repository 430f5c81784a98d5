namespace Campaigns.Storage;

public enum StorageProviderKind
{
    Sqlite,
    PostgreSql,
}
