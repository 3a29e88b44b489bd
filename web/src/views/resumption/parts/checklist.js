// The prevention checklist of an application as rows: met or not, and what was declared.
import { CHECKLIST_ITEMS, FOUR_MEASURES } from '@/dict'

/** A count item is met when it is above zero; the four measures when all four are in place. */
export function checklistItems(checklist, t) {
  return CHECKLIST_ITEMS.map(({ key, type }) => {
    const v = checklist[key]
    if (type === 'bool') return { key, type, ok: !!v, text: v ? t('application.done') : t('application.notDone') }
    if (type === 'count') return { key, type, ok: Number(v) > 0, text: t(`application.unit.${key}`, { n: Number(v) || 0 }) }
    const m = v || {}
    const done = FOUR_MEASURES.filter((f) => m[f])
    const all = done.length === FOUR_MEASURES.length
    return { key, type, ok: all, text: all ? t('application.done') : done.length ? done.map((f) => t(`application.measure.${f}`)).join('、') : t('application.notDone') }
  })
}

/** An empty content, as a new draft starts. */
export function emptyContent() {
  return {
    planned_date: '',
    staff_total: 0,
    staff_local: 0,
    staff_out_of_province: 0,
    staff_from_risk_regions: 0,
    checklist: {
      isolation_room: false,
      thermometers: 0,
      masks_in_stock: 0,
      masks_days_of_supply: 0,
      disinfection_plan: false,
      disinfection_records: false,
      staggered_dining: false,
      leader_on_duty: false,
      emergency_plan: false,
      four_measures: { scan_code: false, registration: false, temperature_check: false, mask_wearing: false },
    },
    essential_category: '',
    commitment: { signer: '', accepted: false },
  }
}

/** The editable part of an application (what PUT takes), copied. */
export function contentOf(app) {
  const base = emptyContent()
  return {
    planned_date: app.planned_date || '',
    staff_total: app.staff_total || 0,
    staff_local: app.staff_local || 0,
    staff_out_of_province: app.staff_out_of_province || 0,
    staff_from_risk_regions: app.staff_from_risk_regions || 0,
    checklist: { ...base.checklist, ...(app.checklist || {}), four_measures: { ...base.checklist.four_measures, ...(app.checklist?.four_measures || {}) } },
    essential_category: app.essential_category || '',
    commitment: { signer: app.commitment?.signer || '', accepted: !!app.commitment?.accepted },
  }
}
