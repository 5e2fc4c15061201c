namespace Doorstroom.Web;

/// <summary>The settings of the decaan's signals.</summary>
public sealed class SignalOptions
{
    /// <summary>The setting's full key, as the startup check names it.</summary>
    public const string NotAppliedFromSetting = "Doorstroom:Signalen:NietAangemeldVanaf";

    /// <summary>
    /// From which day of the exam year (MM-dd, August to March) a pupil without an application is signalled, before the
    /// 1 April deadline; default 02-01.
    /// </summary>
    public string NietAangemeldVanaf { get; set; } = Domain.Applications.DefaultWarnFrom.ToString();
}
