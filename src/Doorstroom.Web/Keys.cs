using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Doorstroom.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Doorstroom.Web;

/// <summary>
/// Where the site's keys live (decision 0018): the Data Protection key ring (cookies, antiforgery, sealed care entries) in
/// the store (<see cref="StoredXmlRepository"/>) under the fixed application name "Doorstroom", encrypted at rest with the
/// certificate of <c>Doorstroom:Keys:Certificate</c>; the token keys (<see cref="TokenKeys"/>) in the store, sealed with Data
/// Protection; the token issuer from <c>Doorstroom:Issuer</c>. Every node on one store, and a restored store in any folder
/// or home directory, shares them. Outside Development the site refuses to start without the certificate (unless
/// <c>Doorstroom:Keys:AllowUnprotected</c>) and without an issuer (<see cref="Read"/>, <see cref="StartupChecks"/>).
/// </summary>
public static partial class Keys
{
    /// <summary>The Data Protection application name: the same on every node and in every release folder.</summary>
    public const string ApplicationName = "Doorstroom";

    public const string CertificateSetting = "Doorstroom:Keys:Certificate";
    public const string CertificatePasswordSetting = "Doorstroom:Keys:CertificatePassword";
    public const string PreviousCertificateSetting = "Doorstroom:Keys:PreviousCertificate";
    public const string PreviousCertificatePasswordSetting = "Doorstroom:Keys:PreviousCertificatePassword";
    public const string AllowUnprotectedSetting = "Doorstroom:Keys:AllowUnprotected";
    public const string IssuerSetting = "Doorstroom:Issuer";

    /// <summary>
    /// The key settings read and checked before the site starts (<see cref="StartupChecks"/>): a missing or unreadable
    /// certificate, a wrong password or a missing issuer outside Development is a problem in <paramref name="problems"/>.
    /// </summary>
    public static KeySettings Read(IConfiguration configuration, bool development, ICollection<StartupProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        var certificate = Load(configuration, CertificateSetting, CertificatePasswordSetting, problems);
        var previous = Load(configuration, PreviousCertificateSetting, PreviousCertificatePasswordSetting, problems);
        var allowUnprotected = string.Equals(configuration[AllowUnprotectedSetting], "true", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(configuration[CertificateSetting]) && !development && !allowUnprotected)
            problems.Add(
                new(
                    CertificateSetting,
                    $"{CertificateSetting} is not set: outside Development Doorstroom stores its keys only encrypted; "
                        + $"set it to a PFX file and {CertificatePasswordSetting} to its password (or {AllowUnprotectedSetting}=true to store them unprotected)"
                )
            );
        var issuer = configuration[IssuerSetting];
        Uri? issuerUri = null;
        if (string.IsNullOrWhiteSpace(issuer))
        {
            if (!development)
                problems.Add(
                    new(
                        IssuerSetting,
                        $"{IssuerSetting} is not set: outside Development tokens carry a fixed issuer; set it to the site's public "
                            + $"https address (e.g. https://doorstroom.example.nl/)"
                    )
                );
        }
        else if (!Uri.TryCreate(issuer, UriKind.Absolute, out issuerUri) || issuerUri.Scheme is not ("https" or "http"))
        {
            problems.Add(
                new(
                    IssuerSetting,
                    $"{IssuerSetting}: '{issuer}' is not an absolute http(s) URL; set it to the site's public https address (e.g. "
                        + $"https://doorstroom.example.nl/)"
                )
            );
            issuerUri = null;
        }
        return new KeySettings(certificate, previous, issuerUri);
    }

    /// <summary>Data Protection with its key ring in the store, the token keys, and the issuer, from settings <see cref="Read"/> checked.</summary>
    public static WebApplicationBuilder AddStoredKeys(this WebApplicationBuilder builder, KeySettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var (certificate, previous, issuer) = settings;

        var protection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        if (certificate is not null)
            protection.ProtectKeysWithCertificate(certificate);
        if (previous is not null)
            protection.UnprotectKeysWithAnyCertificate(previous);
        builder
            .Services.AddOptions<KeyManagementOptions>()
            .Configure<SiteServices, ILoggerFactory>(
                (options, site, logs) =>
                {
                    options.XmlRepository = new StoredXmlRepository(site.Database, site.Clock);
                    if (certificate is null)
                        Unprotected(logs.CreateLogger(typeof(Keys)), CertificateSetting);
                }
            );

        builder.Services.AddSingleton<TokenKeys>();
        builder
            .Services.AddOptions<OpenIddictServerOptions>()
            .Configure<TokenKeys>(
                (options, keys) =>
                {
                    // The symmetric key first: OpenIddict signs access tokens with it (HMAC, microseconds per check; decision 0014).
                    options.SigningCredentials.Add(new SigningCredentials(keys.AccessTokens, SecurityAlgorithms.HmacSha256));
                    options.SigningCredentials.Add(new SigningCredentials(keys.Signing, SecurityAlgorithms.RsaSha256));
                    options.EncryptionCredentials.Add(
                        new EncryptingCredentials(keys.Encryption, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512)
                    );
                    if (issuer is not null)
                        options.Issuer = issuer;
                }
            );
        return builder;
    }

    /// <summary>
    /// Loads the Data Protection key ring before the first request, making its first key when the store has none, one node
    /// at a time (<see cref="StoreLock"/>): nodes started together on a new store would otherwise each make a key and each
    /// keep only its own in memory, so a cookie or form of one node would fail on the other until the ring's daily refresh.
    /// </summary>
    public static void LoadKeyRing(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var protection = app.Services.GetRequiredService<IDataProtectionProvider>();
        StoreLock.Hold(app.Services.GetRequiredService<SiteServices>().Database, StoreLock.KeyRing, () =>
            protection.CreateProtector("Doorstroom.KeyRing.Start").Protect([1])
        );
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The Data Protection keys are stored in the store UNPROTECTED: set {Setting} to a PFX certificate to " + "encrypt them"
    )]
    private static partial void Unprotected(ILogger logger, string setting);

    private static X509Certificate2? Load(IConfiguration configuration, string pathSetting, string passwordSetting, ICollection<StartupProblem> problems)
    {
        var path = configuration[pathSetting];
        if (string.IsNullOrWhiteSpace(path))
            return null;
        if (!File.Exists(path))
        {
            problems.Add(new(pathSetting, $"{pathSetting}: the certificate file '{path}' does not exist; name the PFX file (a full path)"));
            return null;
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[passwordSetting], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            problems.Add(
                new(
                    passwordSetting,
                    $"{passwordSetting} does not open '{path}', or it is not a PFX file ({e.Message.Trim().TrimEnd('.')}); set the " + $"PFX's password"
                )
            );
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new(pathSetting, $"{pathSetting}: '{path}' cannot be read ({e.Message.Trim().TrimEnd('.')}); let the site's user read it"));
            return null;
        }
        if (certificate.HasPrivateKey)
            return certificate;
        certificate.Dispose();
        problems.Add(new(pathSetting, $"{pathSetting}: '{path}' holds no private key, so the keys cannot be decrypted with it; export the PFX with its key"));
        return null;
    }
}

/// <summary>The checked key settings: the certificate that encrypts the key ring, the one before a renewal, the token issuer.</summary>
public sealed record KeySettings(X509Certificate2? Certificate, X509Certificate2? Previous, Uri? Issuer);

/// <summary>
/// The token server's keys, made once by the first node and kept in the store sealed with Data Protection
/// (<see cref="TokenKeyStore"/>): the HMAC key that signs access tokens, and the RSA keys OpenIddict requires beside it.
/// </summary>
public sealed class TokenKeys(SiteServices site, IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Doorstroom.TokenKeys.v1");

    /// <summary>The symmetric key access tokens are signed with.</summary>
    public SymmetricSecurityKey AccessTokens => new(Get("access-token-hmac", () => RandomNumberGenerator.GetBytes(32)));

    /// <summary>An RSA signing key (OpenIddict requires an asymmetric one; access tokens use <see cref="AccessTokens"/>).</summary>
    public RsaSecurityKey Signing => Rsa("rsa-signing");

    /// <summary>An RSA encryption key (access tokens are not encrypted; OpenIddict requires one).</summary>
    public RsaSecurityKey Encryption => Rsa("rsa-encryption");

    private RsaSecurityKey Rsa(string name)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Get(name, () =>
            {
                using var made = RSA.Create(2048);
                return made.ExportPkcs8PrivateKey();
            }), out _);
        return new RsaSecurityKey(rsa) { KeyId = name };
    }

    private byte[] Get(string name, Func<byte[]> make) => TokenKeyStore.GetOrCreate(site.Database, protector, name, make, site.Clock);
}
