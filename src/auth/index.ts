// Auth for functions: shared bearer tokens and API keys, HTTP Basic, JWTs (OIDC, OpenFaaS IAM).
export { AuthError, type AuthErrorCode } from './error.js'
export { verifyBearer, checkBearerConfig, tokenList, bearerOptions, type BearerOptions } from './bearer.js'
export { verifyBasicAuth, checkBasicConfig, usersOf, basicOptions, type BasicOptions, type BasicUsers } from './basic.js'
export { verifyJwt, checkJwtConfig, type JwtOptions, type VerifiedJwt } from './jwt.js'
