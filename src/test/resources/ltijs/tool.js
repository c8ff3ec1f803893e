// An independent LTI 1.3 tool (ltijs, from the npm registry) that LtijsInteropTest launches from the test platform:
// if ltijs accepts our platform's launches, the platform speaks standard LTI, not just what Threadmark expects.
const lti = require('ltijs').Provider
const Database = require('ltijs-sequelize')

const env = process.env
const db = new Database(env.DB_NAME, env.DB_USER, env.DB_PASSWORD,
  { host: env.DB_HOST || '127.0.0.1', port: Number(env.DB_PORT || 5432), dialect: 'postgres', logging: false })

lti.setup(env.LTI_KEY, { plugin: db }, {
  appRoute: '/', loginRoute: '/login', keysetRoute: '/keys',
  // Plain http on 127.0.0.1 in the test: the state cookie cannot be Secure there.
  cookies: { secure: false, sameSite: '' },
  devMode: false
})

lti.onConnect(async (token, req, res) => {
  const context = res.locals.context
  let graded = ''
  // Assignment and Grade Services: when the launch names a line item, post a score to it as ltijs does.
  if (context.endpoint && context.endpoint.lineitem) {
    try {
      await lti.Grade.submitScore(token, context.endpoint.lineitem, {
        userId: token.user, scoreGiven: 70, scoreMaximum: 100,
        activityProgress: 'Completed', gradingProgress: 'FullyGraded'
      })
      graded = ' score=SENT'
    } catch (e) {
      graded = ' score=FAILED ' + (e && e.message)
    }
  }
  return res.send('LTIJS-LAUNCH-OK user=' + token.user + ' context=' + context.context.id +
    ' resource=' + context.resource.id + ' roles=' + context.roles.join(',') + graded)
})

const setup = async () => {
  await lti.deploy({ port: Number(env.PORT), silent: true })
  await lti.registerPlatform({
    url: env.ISSUER,
    name: 'Threadmark test platform',
    clientId: env.CLIENT_ID,
    authenticationEndpoint: env.AUTH_URL,
    accesstokenEndpoint: env.TOKEN_URL,
    authConfig: { method: 'JWK_SET', key: env.JWKS_URL }
  })
  console.log('LTIJS-READY')
}
setup().catch(e => { console.error('LTIJS-FAILED', e); process.exit(1) })
