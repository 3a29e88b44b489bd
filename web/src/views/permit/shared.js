// Shared by the permit pages: the enumerations, state colours, and the plate rule of the server
// (src/modules/permit/rules.cc): a province character, a letter (no I/O), then 5 or 6 letters or digits.
export const TYPES = ['emergency_supplies', 'production_materials', 'commute_vehicle', 'personal']
export const STATES = ['pending', 'issued', 'active', 'expired', 'refused', 'revoked']
export const STATE_TAG = { pending: 'warning', issued: 'success', refused: 'info', revoked: 'danger', expired: 'info' }

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼'

export function normalizePlate(text) {
  return String(text || '').replace(/[\s·.\-•\u3000]/g, '').toUpperCase()
}

export function isValidPlate(plate) {
  const p = normalizePlate(plate)
  const chars = [...p]
  if (chars.length !== 7 && chars.length !== 8) return false
  if (!PROVINCES.includes(chars[0])) return false
  if (!/^[A-HJ-NP-Z]$/.test(chars[1])) return false
  return chars.slice(2).every((c) => /^[A-HJ-NP-Z0-9]$/.test(c))
}

/** The displayed state: issued and past its last day shows as expired. */
export const shownState = (p) => (p.state === 'issued' && p.expired ? 'expired' : p.state)
