// A real OpenID provider for Doorstroom's web tests: panva's oidc-provider (OpenID Certified), not a mock.
// Started by the tests on 127.0.0.1 with one static client; its own development login and consent pages are used
// (any login name becomes the subject, any password is accepted). Never use this outside tests.
//
//   node server.js PORT        (or OIDC_PORT=PORT node server.js)
//   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URIS (space-separated): the one client.
//
// Prints "oidc-provider ready ISSUER" on stdout once it listens; ends on SIGTERM or SIGINT.
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? process.env.OIDC_PORT);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error('oidc-provider: give the port as the first argument or in OIDC_PORT');
  process.exit(2);
}
const need = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`oidc-provider: ${name} is not set`);
    process.exit(2);
  }
  return value;
};
const clientId = need('OIDC_CLIENT_ID');
const clientSecret = need('OIDC_CLIENT_SECRET');
const redirectUris = need('OIDC_REDIRECT_URIS').split(/\s+/).filter(Boolean);

const issuer = `http://127.0.0.1:${port}`;

// The login name is the subject; a name with '@' is also the e-mail address, else NAME@school.example. A name that
// starts with "onbevestigd." has an e-mail address the provider did not verify (email_verified false).
const findAccount = async (ctx, id) => ({
  accountId: id,
  claims: async () => ({
    sub: id,
    email: id.includes('@') ? id : `${id}@school.example`,
    email_verified: !id.startsWith('onbevestigd.'),
    eduPersonPrincipalName: id.includes('@') ? id : `${id}@school.example`,
  }),
});

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  // PKCE (S256) is required of every authorization request.
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['eduPersonPrincipalName'],
  },
  findAccount,
  // Cookie signing keys for this test run only.
  cookies: { keys: [crypto.randomUUID()] },
});

// One line per request (method, path without query, status, time), so a failing sign-in journey can show which step hung.
provider.use(async (ctx, next) => {
  const began = Date.now();
  await next();
  console.log(`${new Date().toISOString()} ${ctx.method} ${ctx.path} ${ctx.status} ${Date.now() - began}ms`);
});

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider ready ${issuer}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
