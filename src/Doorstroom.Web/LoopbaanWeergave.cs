namespace Doorstroom.Web;

/// <summary>
/// What the loopbaandossier partial shows: the dossier, who reads it (<c>leerling</c> or <c>ouder</c> in "je", <c>school</c> and
/// <c>mbo</c> in "u"), and for the school the address its release buttons post to.
/// </summary>
public sealed record LoopbaanWeergave(Loopbaandossier Dossier, string Lezer, string? VrijgevenActie = null)
{
    /// <summary>Staff read in "u", pupils and parents in "je".</summary>
    public bool Staff => Lezer is "school" or "mbo";
}
