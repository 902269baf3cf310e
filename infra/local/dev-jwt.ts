import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { CLAIMS, type Role } from '#shared/http/auth';

/** The local stand-in for Cognito: an ES256 key under DATA_DIR signs and verifies dev tokens. */
export const DEV_ISSUER = 'verbund-local';
export const DEV_AUDIENCE = 'verbund';
const ALG = 'ES256';

interface KeyFile {
  privateJwk: JWK;
  publicJwk: JWK;
}

async function loadOrCreateKeys(dataDir: string): Promise<KeyFile> {
  const file = join(dataDir, 'dev-jwt-key.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const keys = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
  mkdirSync(dirname(file), { recursive: true });
  // wx: if another process created it meanwhile, use theirs
  try {
    writeFileSync(file, JSON.stringify(keys), { flag: 'wx', mode: 0o600 });
  } catch {
    return JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  }
  return keys;
}

export interface TokenRequest {
  role: Role;
  networkId?: string;
  partnerId?: string;
  sub?: string;
  email?: string;
  /** Lifetime in seconds (default 12 h). */
  ttl?: number;
}

export async function signDevToken(dataDir: string, t: TokenRequest): Promise<string> {
  const { privateJwk } = await loadOrCreateKeys(dataDir);
  const key = await importJWK(privateJwk, ALG);
  const claims: JWTPayload = { [CLAIMS.role]: t.role, token_use: 'id' };
  if (t.networkId) claims[CLAIMS.networkId] = t.networkId;
  if (t.partnerId) claims[CLAIMS.partnerId] = t.partnerId;
  if (t.email) claims.email = t.email;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG })
    .setSubject(
      t.sub ?? `dev-${t.role}${t.partnerId ? `-${t.partnerId}` : t.networkId ? `-${t.networkId}` : ''}`,
    )
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${t.ttl ?? 12 * 3600}s`)
    .sign(key);
}

/** Returns a verifier like API Gateway's JWT authorizer: claims as strings, or null if invalid. */
export async function devVerifier(dataDir: string) {
  const { publicJwk } = await loadOrCreateKeys(dataDir);
  const key = await importJWK(publicJwk, ALG);
  return async (token: string): Promise<Record<string, string> | null> => {
    try {
      const { payload } = await jwtVerify(token, key, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
      // API Gateway hands claims to the Lambda as strings
      return Object.fromEntries(
        Object.entries(payload).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      );
    } catch {
      return null;
    }
  };
}
