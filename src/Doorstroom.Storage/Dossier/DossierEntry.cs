using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>One dated, authored entry of a pupil's transfer dossier.</summary>
/// <param name="Kind"><c>notitie</c> for an entry, <c>warme-overdracht</c> for a recorded hand-over conversation (P6).</param>
/// <param name="Institution">The vo school (BRIN6 or BRIN4) that wrote it; for a warme overdracht, the school that recorded it.</param>
/// <param name="Body">The text, or for a sealed (care) entry the ciphertext the web application made; Storage never sees care data in clear.</param>
/// <param name="Released">The school lets this entry go with a request.</param>
/// <param name="Event">The digest (<see cref="EventDigest.Of"/>) of the event in the pupil's stream the entry belongs to: the
/// <c>LobActiviteit</c> a reflection is about, the <c>KeuzeVastgelegd</c> a choice's text explains; null for any other entry.</param>
public sealed record DossierEntry(
    long Id,
    string Pupil,
    DossierCategory Category,
    string Kind,
    DateOnly On,
    string Author,
    string Institution,
    string Body,
    bool Sealed,
    bool Released,
    long? Event = null
);
