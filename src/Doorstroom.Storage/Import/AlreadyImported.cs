namespace Doorstroom.Storage;

/// <summary>The same bytes were imported before; nothing was read or written.</summary>
public sealed record AlreadyImported(string Kind, string File, string On, long Records) : ImportOutcome(Kind, File);
