namespace Doorstroom.Domain;

/// <summary>Which side the subject of a <see cref="WhereToConnectView"/> is on.</summary>
public enum ConnectionSide
{
    /// <summary>A vmbo vestiging (BRIN6); its partners are mbo institutions.</summary>
    VoVestiging,

    /// <summary>An mbo institution (BRIN4); its partners are vmbo vestigingen.</summary>
    MboInstelling,
}
