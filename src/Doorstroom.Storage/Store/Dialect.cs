namespace Doorstroom.Storage;

/// <summary>The two stores Doorstroom runs on.</summary>
public enum Dialect
{
    Sqlite,
    Postgres,
}
