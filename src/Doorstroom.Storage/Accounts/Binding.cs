namespace Doorstroom.Storage;

/// <summary>What an account or API client of a role is bound to.</summary>
public enum Binding
{
    /// <summary>Nothing: the role sees no pupil (analist: aggregates) or no pupil data at all (beheerder).</summary>
    None,

    /// <summary>One pupil's key: the pupil or a parent.</summary>
    Pupil,

    /// <summary>A vo vestiging (BRIN6).</summary>
    Vo,

    /// <summary>An mbo institution (BRIN4).</summary>
    Mbo,

    /// <summary>A vo vestiging (BRIN6) or an mbo institution (BRIN4): the zorgcoördinator works on either side.</summary>
    VoOrMbo,
}
