// The OpenID provider of the single sign-on tests: node_modules/oidc-provider (certified by the OpenID Foundation),
// with one confidential client for Threadmark, a fixed set of test accounts and a plain login form of its own.
// Started by threadmark.user.OpenIdProvider: prints "ready <issuer>" once it listens on 127.0.0.1 (a free port).
import http from 'node:http';
import crypto from 'node:crypto';
import Provider from 'oidc-provider';

const CLIENT_ID = process.env.CLIENT_ID;
const CLIENT_SECRET = process.env.CLIENT_SECRET;

// Test accounts: login name -> password and claims. email_verified false is a provider that did not check the address.
const ACCOUNTS = {
  alice: { password: 'alice-pw', email: 'alice@uni.example', email_verified: true, name: 'Alice Liddell' },
  bob: { password: 'bob-pw', email: 'bob@uni.example', email_verified: true, name: 'Bob Builder' },
  carol: { password: 'carol-pw', email: 'carol@uni.example', email_verified: false, name: 'Carol Unchecked' },
  dave: { password: 'dave-pw', email: 'dave@uni.example', email_verified: true, name: 'Dave Disabled' },
  erin: { password: 'erin-pw', email: 'erin@uni.example', email_verified: true, name: 'Erin Logout' },
  gina: { password: 'gina-pw', email: 'gina@uni.example', email_verified: true, name: 'Gina Logged' },
  frank: { password: 'frank-pw', email: 'frank@uni.example', email_verified: true, name: 'Frank Browser' },
  mallory: { password: 'mallory-pw', email: 'mallory@elsewhere.example', email_verified: true, name: 'Mallory' },
};

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key-1', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    // Threadmark's test server listens on a port of its own choosing: any loopback port is accepted (below).
    redirect_uris: ['http://127.0.0.1/login/sso', 'http://localhost/login/sso'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // Email and name in the ID token itself, as Google, Entra ID and Keycloak send them: Threadmark reads no userinfo.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const account = ACCOUNTS[sub];
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, email: account.email, email_verified: account.email_verified, name: account.name };
      },
    };
  },
  // A first-party client: no consent screen, the requested OpenID scopes are granted.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  renderError(ctx, out) {
    ctx.type = 'text/plain';
    ctx.body = `provider error: ${out.error}: ${out.error_description ?? ''}`;
  },
});

const loopbackWithoutPort = (uri) => {
  const url = URL.parse(uri);
  if (!url || url.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(url.hostname)) return undefined;
  url.port = '';
  return url.href;
};
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
  const wanted = loopbackWithoutPort(value);
  return wanted !== undefined && this.redirectUris.some((allowed) => loopbackWithoutPort(allowed) === wanted);
};

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const loginForm = (uid, error) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test University sign-in</title></head>
<body><h1 id="provider-login">Test University sign-in</h1>${error ? `<p id="provider-error">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Login <input id="login" name="login" autocomplete="username"></label>
<label>Password <input id="password" name="password" type="password"></label>
<button type="submit" id="sign-in">Sign in</button></form></body></html>`;

const readForm = (req) => new Promise((resolve, reject) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => resolve(new URLSearchParams(body)));
  req.on('error', reject);
});

const callback = provider.callback();
server.on('request', async (req, res) => {
  const interaction = /^\/interaction\/([^/?]+)(\/login)?/.exec(req.url);
  if (!interaction) {
    callback(req, res);
    return;
  }
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'POST' && interaction[2]) {
      const form = await readForm(req);
      const account = ACCOUNTS[form.get('login')];
      if (!account || account.password !== form.get('password')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(loginForm(details.uid, 'Wrong login or password.'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: form.get('login') } },
        { mergeWithLastSubmission: false });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(loginForm(details.uid));
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(`interaction error: ${error.message}`);
  }
});

console.log(`ready ${issuer}`);
