// Auth for functions: shared bearer tokens and API keys, HTTP Basic, JWTs (OIDC, OpenFaaS IAM).
export { AuthError, type AuthErrorCode } from './error.js'
export { verifyBearer, type BearerOptions } from './bearer.js'
export { verifyBasicAuth, type BasicOptions, type BasicUsers } from './basic.js'
export { verifyJwt, type JwtOptions, type VerifiedJwt } from './jwt.js'
