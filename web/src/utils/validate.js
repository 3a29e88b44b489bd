// Client-side copies of the server's input rules (SPEC §2).

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
