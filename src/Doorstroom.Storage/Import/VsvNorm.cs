namespace Doorstroom.Storage;

/// <summary>A yearly vsv norm for one mbo niveau, as published (percentage × 1000).</summary>
public sealed record VsvNorm(int Teljaar, int Niveau, int Norm);
