// The offline permit verifier: the same check as the server's VerifyToken (src/modules/permit/rules.cc)
// in the browser, with the published Ed25519 public key and tweetnacl. No network is needed once the key
// is cached (localStorage `fugong.permit.publicKey`).
//
// Token: "FGP1." + base64url(JSON payload) + "." + base64url(signature of the JSON bytes); payload keys
// n (permit number), t (type), p (plate), h (holder, masked), r (route), f / u (valid from / to), e (enterprise).
// Result: malformed (not a permit token) · tampered (any change: the signature fails) · not_yet_valid ·
// expired · valid.
import nacl from 'tweetnacl'

const PREFIX = 'FGP1.'
const KEY_STORE = 'fugong.permit.publicKey'

function b64urlDecode(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4)
  let bin
  try {
    bin = atob(b64)
  } catch {
    return null
  }
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  // Canonical encodings only (as the server): a changed unused bit of the last character is a change too.
  if (b64urlEncode(bytes) !== text) return null
  return bytes
}

export function b64urlEncode(bytes) {
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Today's business date (Asia/Shanghai, UTC+8) as YYYY-MM-DD. */
export function businessToday(now = Date.now()) {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

/** Verifies `token` with the base64url public key; `today` YYYY-MM-DD. Returns { result, payload }. */
export function verifyToken(token, publicKeyB64, today = businessToday()) {
  const t = String(token || '').trim()
  if (!t.startsWith(PREFIX)) return { result: 'malformed', payload: null }
  const parts = t.slice(PREFIX.length).split('.')
  if (parts.length !== 2) return { result: 'malformed', payload: null }
  const tampered = { result: 'tampered', payload: null }
  const body = b64urlDecode(parts[0])
  const sig = b64urlDecode(parts[1])
  const key = b64urlDecode(publicKeyB64 || '')
  if (!body || !sig || !key || sig.length !== 64 || key.length !== 32) return tampered
  if (!nacl.sign.detached.verify(body, sig, key)) return tampered
  let o
  try {
    o = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body))
  } catch {
    return tampered
  }
  if (!o || typeof o !== 'object') return tampered
  const payload = {
    permit_no: o.n || '', type: o.t || '', plate: o.p || '', holder: o.h || '', route: o.r || '',
    valid_from: o.f || '', valid_to: o.u || '', enterprise: o.e || '',
  }
  let result = 'valid'
  if (today < payload.valid_from) result = 'not_yet_valid'
  else if (today > payload.valid_to) result = 'expired'
  return { result, payload }
}

/** The cached public key (or null). */
export function cachedKey() {
  try {
    return JSON.parse(localStorage.getItem(KEY_STORE) || 'null')
  } catch {
    return null
  }
}

export function cacheKey(key) {
  localStorage.setItem(KEY_STORE, JSON.stringify({ public_key: key.public_key, key_id: key.key_id, at: new Date().toISOString() }))
}
