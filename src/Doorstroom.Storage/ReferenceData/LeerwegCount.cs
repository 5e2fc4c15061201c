namespace Doorstroom.Storage;

/// <summary>vmbo pupils of one leerweg (DUO code BL, KL, GL, TL) at a vestiging in one school year.</summary>
public sealed record LeerwegCount(string Leerweg, long Aantal);
