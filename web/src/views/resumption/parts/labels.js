// Labels of the application vocabulary.
import { CHECKLIST_ITEMS } from '@/dict'

const CHECKLIST_KEYS = CHECKLIST_ITEMS.map((i) => i.key)

/** A deficiency's item: a checklist item or attachments / staff / commitment / other. */
export function deficiencyItemLabel(item, t) {
  if (CHECKLIST_KEYS.includes(item)) return t(`application.checklist.${item}`)
  if (['attachments', 'staff', 'commitment', 'other'].includes(item)) return t(`application.defItem.${item}`)
  return item
}

/** A region level (1 province … 4 town) as the reviewing level's name. */
export function levelLabel(level, t) {
  return [1, 2, 3, 4].includes(level) ? t(`application.level.${level}`) : String(level)
}
