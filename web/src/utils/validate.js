// Client-side copies of the server's input rules (SPEC §2).
import { today } from './format'

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** Unified social credit code, GB 32100-2015: 18 characters, the last one a mod-31 check character. */
export function isValidUscc(code) {
  if (typeof code !== 'string' || code.length !== 18) return false
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(code[i])
    if (v < 0) return false
    sum += v * USCC_WEIGHTS[i]
  }
  const check = (31 - (sum % 31)) % 31
  return code[17] === USCC_ALPHABET[check]
}

/** Mainland mobile number: 11 digits, 1[3-9]XXXXXXXXX. */
export function isValidMobile(phone) {
  return /^1[3-9]\d{9}$/.test(phone)
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

/**
 * Resident ID number, GB 11643-1999: 17 digits (region, real birth date YYYYMMDD, serial) and an ISO 7064
 * MOD 11-2 check character (0-9 or X; a final lower-case x is accepted, the server upper-cases it).
 * Returns '' when valid, else why: 'length', 'birth_date' or 'check_digit'.
 */
export function idNumberProblem(id) {
  const s = String(id || '').toUpperCase()
  if (!/^\d{17}[\dX]$/.test(s)) return 'length'
  const y = Number(s.slice(6, 10))
  const m = Number(s.slice(10, 12))
  const d = Number(s.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  if (!real || date.toISOString().slice(0, 10) > today()) return 'birth_date'
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0)
  return '10X98765432'[sum % 11] === s[17] ? '' : 'check_digit'
}

export const isValidIdNumber = (id) => idNumberProblem(id) === ''
