namespace Doorstroom.Simulation;

/// <summary>
/// Where one setting of <see cref="Calibration"/> comes from: a cited published source, or an assumption of the simulator
/// (<see cref="Assumption"/>), which is then stated as such wherever the setting is shown (decision 0031).
/// </summary>
/// <param name="Setting">The property name in <see cref="Calibration"/>.</param>
/// <param name="Assumption">True when no published figure gives the value: the simulator assumes it.</param>
/// <param name="Source">The source: title, publisher, year and address, or what the assumption rests on.</param>
public sealed record CalibrationSource(string Setting, bool Assumption, string Source);
