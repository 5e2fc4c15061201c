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

    /// <summary>The setting's full key of the choice day (S1).</summary>
    public const string ChoiceDaySetting = "Doorstroom:Signalen:KeuzeUiterlijk";

    /// <summary>The setting's full key of the LOB day (S3).</summary>
    public const string LobDaySetting = "Doorstroom:Signalen:LobUiterlijk";

    /// <summary>By which day of the exam year (MM-dd, August to March) a pupil has made a choice (doubt signal S1); default 02-01.</summary>
    public string KeuzeUiterlijk { get; set; } = Domain.DoubtSettings.Default.KeuzeUiterlijk.ToString();

    /// <summary>By which day of the exam year (MM-dd, August to March) a pupil took part in an LOB activity (doubt signal S3); default 02-01.</summary>
    public string LobUiterlijk { get; set; } = Domain.DoubtSettings.Default.LobUiterlijk.ToString();
}
