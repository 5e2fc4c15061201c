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
/// <c>Doorstroom:Keys:AllowUnprotected</c>) and without an issuer.
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

    /// <summary>Data Protection with its key ring in the store, the token keys, and the issuer; throws (refuses to start) on a missing setting.</summary>
    public static WebApplicationBuilder AddStoredKeys(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var development = builder.Environment.IsDevelopment();
        var certificate = Load(configuration, CertificateSetting, CertificatePasswordSetting);
        var previous = Load(configuration, PreviousCertificateSetting, PreviousCertificatePasswordSetting);
        var allowUnprotected = configuration.GetValue<bool>(AllowUnprotectedSetting);
        if (certificate is null && !development && !allowUnprotected)
            throw new InvalidOperationException($"{CertificateSetting} is not set: outside Development Doorstroom stores its keys only encrypted. "
                + $"Set {CertificateSetting} to a PFX file and {CertificatePasswordSetting} to its password (or {AllowUnprotectedSetting}=true to store them unprotected).");
        var issuer = configuration[IssuerSetting];
        if (string.IsNullOrWhiteSpace(issuer) && !development)
            throw new InvalidOperationException($"{IssuerSetting} is not set: outside Development tokens carry a fixed issuer, the site's public https address (e.g. https://doorstroom.example.nl/).");
        if (!string.IsNullOrWhiteSpace(issuer) && !Uri.TryCreate(issuer, UriKind.Absolute, out _))
            throw new InvalidOperationException($"{IssuerSetting}: '{issuer}' is not an absolute URL (e.g. https://doorstroom.example.nl/).");

        var protection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        if (certificate is not null) protection.ProtectKeysWithCertificate(certificate);
        if (previous is not null) protection.UnprotectKeysWithAnyCertificate(previous);
        builder.Services.AddOptions<KeyManagementOptions>().Configure<Site, ILoggerFactory>((options, site, logs) =>
        {
            options.XmlRepository = new StoredXmlRepository(site.Database, site.Clock);
            if (certificate is null)
                Unprotected(logs.CreateLogger(typeof(Keys)), CertificateSetting);
        });

        builder.Services.AddSingleton<TokenKeys>();
        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<TokenKeys>((options, keys) =>
        {
            // The symmetric key first: OpenIddict signs access tokens with it (HMAC, microseconds per check; decision 0014).
            options.SigningCredentials.Add(new SigningCredentials(keys.AccessTokens, SecurityAlgorithms.HmacSha256));
            options.SigningCredentials.Add(new SigningCredentials(keys.Signing, SecurityAlgorithms.RsaSha256));
            options.EncryptionCredentials.Add(new EncryptingCredentials(keys.Encryption, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
            if (!string.IsNullOrWhiteSpace(issuer)) options.Issuer = new Uri(issuer, UriKind.Absolute);
        });
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
        StoreLock.Hold(app.Services.GetRequiredService<Site>().Database, StoreLock.KeyRing,
            () => protection.CreateProtector("Doorstroom.KeyRing.Start").Protect([1]));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Data Protection keys are stored in the store UNPROTECTED: set {Setting} to a PFX certificate to encrypt them")]
    private static partial void Unprotected(ILogger logger, string setting);

    private static X509Certificate2? Load(ConfigurationManager configuration, string pathSetting, string passwordSetting)
    {
        var path = configuration[pathSetting];
        if (string.IsNullOrWhiteSpace(path)) return null;
        if (!File.Exists(path)) throw new InvalidOperationException($"{pathSetting}: the certificate file '{path}' does not exist.");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[passwordSetting], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{pathSetting}: '{path}' is not a PFX file this password opens ({e.Message}).", e);
        }
        return certificate.HasPrivateKey ? certificate
            : throw new InvalidOperationException($"{pathSetting}: '{path}' holds no private key; the keys cannot be decrypted with it.");
    }
}

/// <summary>
/// The token server's keys, made once by the first node and kept in the store sealed with Data Protection
/// (<see cref="TokenKeyStore"/>): the HMAC key that signs access tokens, and the RSA keys OpenIddict requires beside it.
/// </summary>
public sealed class TokenKeys(Site site, IDataProtectionProvider protection)
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
