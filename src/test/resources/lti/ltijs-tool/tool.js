// An independent LTI 1.3 tool (ltijs, from the npm registry) launched by Threadmark's test platform: it validates
// launches strictly and posts a score through Assignment and Grade Services, so the test platform is checked against
// an implementation that is not ours. Started by LtijsTool.java; prints one JSON line per event on stdout.
const path = require('path');
const lti = require('ltijs').Provider;
const Database = require('ltijs-sequelize');

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`missing ${name}`);
    process.exit(2);
  }
  return value;
};

const say = (event) => console.log(JSON.stringify(event));

async function main() {
  const db = new Database(env('PG_DATABASE'), env('PG_USER'), env('PG_PASSWORD'), {
    host: process.env.PG_HOST || '127.0.0.1',
    port: Number(process.env.PG_PORT || 5432),
    dialect: 'postgres',
    logging: false,
  });
  lti.setup(env('LTIJS_KEY'), { plugin: db }, {
    appRoute: '/', loginRoute: '/login', keysetRoute: '/keys',
    cookies: { secure: false, sameSite: 'Lax' },
    tokenMaxAge: 60,
  });

  lti.onConnect(async (token, req, res) => {
    const launch = {
      event: 'launch',
      iss: token.iss,
      user: token.user,
      roles: token.platformContext.roles,
      context: token.platformContext.context && token.platformContext.context.id,
      resourceLink: token.platformContext.resource && token.platformContext.resource.id,
      deploymentId: token.deploymentId,
    };
    say(launch);
    const endpoint = token.platformContext.endpoint;
    if (endpoint && endpoint.lineitem) {
      try {
        const answer = await lti.Grade.submitScore(token, endpoint.lineitem, {
          userId: token.user,
          scoreGiven: Number(process.env.SCORE || 70),
          scoreMaximum: 100,
          activityProgress: 'Completed',
          gradingProgress: 'FullyGraded',
        });
        say({ event: 'score', ok: true, status: answer && answer.status });
      } catch (error) {
        say({ event: 'score', ok: false, error: String(error && error.message || error) });
      }
    }
    return res.send('ltijs accepted the launch');
  });

  await lti.deploy({ port: Number(env('PORT')), silent: true });
  await lti.registerPlatform({
    url: env('PLATFORM_ISSUER'),
    name: 'Threadmark test platform',
    clientId: env('CLIENT_ID'),
    authenticationEndpoint: env('AUTH_URL'),
    accesstokenEndpoint: env('TOKEN_URL'),
    authConfig: { method: 'JWK_SET', key: env('KEYSET_URL') },
  });
  say({ event: 'ready', port: Number(env('PORT')), keyset: `http://127.0.0.1:${env('PORT')}/keys` });
}

main().catch((error) => {
  say({ event: 'error', error: String(error && error.stack || error) });
  process.exit(1);
});
