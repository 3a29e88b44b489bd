// Code values of the API's enumerations; their labels live in the locale files under `dict`.

export const WORK_STATUSES = ['suspended', 'work_resumed', 'production_resumed', 'full_capacity', 'continuous', 'closed']
export const SIZES = ['large', 'medium', 'small', 'micro']
export const ESSENTIAL_CATEGORIES = ['epidemic_control', 'city_operation', 'daily_necessities']
export const CADRE_RANKS = ['division', 'section']
export const ROLES = ['admin', 'commander', 'reviewer', 'inspector', 'cadre', 'department', 'enterprise', 'verifier', 'employee', 'bank']

/** Boolean flag fields of an enterprise, in the order of SPEC §3.1. */
export const BOOLEAN_FLAGS = [
  'above_scale_industrial',
  'above_quota_trade',
  'key_enterprise',
  'seasonal',
  'continuous',
  'foreign_trade',
  'small_micro',
  'converted_ppe',
  'service_industry',
  'mall',
  'farmers_market',
]

/** Values of the list filter `flag`: the boolean fields plus `essential` (any 保供 category). */
export const FILTER_FLAGS = [...BOOLEAN_FLAGS.slice(0, 3), 'essential', ...BOOLEAN_FLAGS.slice(3)]

/** Sortable columns of GET /enterprises. */
export const ENTERPRISE_SORTS = ['name', 'uscc', 'employees', 'status_date', 'updated_at']

// ---- Statistics (docs/api/stats.md) ----

/** The six rates of SPEC §4, in the order of the dashboard's headline cards. */
export const RATE_KEYS = ['work_resumed', 'production_resumed', 'full_capacity', 'business_reopened', 'staff_returned', 'capacity_recovered']

/** Values of `category`: all, the glossary's flags, and commerce (限上商贸 ∪ 商场 ∪ 农贸市场 ∪ 服务业). */
export const STATS_CATEGORIES = [
  'all',
  'above_scale_industrial',
  'key_enterprise',
  'above_quota_trade',
  'essential',
  'small_micro',
  'commerce',
  'seasonal',
  'continuous',
  'foreign_trade',
  'converted_ppe',
  'service_industry',
  'mall',
  'farmers_market',
]

/** The category cards of the dashboard (the `categories` of GET /stats/dashboard). */
export const DASHBOARD_CATEGORIES = ['above_scale_industrial', 'key_enterprise', 'above_quota_trade', 'essential', 'small_micro']

/** Values of `measure` of GET /stats/enterprises: the enterprises behind a count. */
export const MEASURES = [
  'base',
  'seasonal_excluded',
  'work_resumed',
  'not_work_resumed',
  'production_resumed',
  'not_production_resumed',
  'full_capacity',
  'business_reopened',
  'not_business_reopened',
  'closed',
]

/** Placeholders of a bulletin template (docs/api/stats.md); `metric` also takes a category prefix and a suffix. */
export const BULLETIN_PLACEHOLDERS = {
  general: ['date', 'date_cn', 'region', 'scope'],
  metrics: [
    'enterprises',
    'base',
    'seasonal',
    'closed',
    'work_resumed',
    'production_resumed',
    'full_capacity',
    'business_reopened',
    'staff_returned',
    'capacity_recovered',
    'not_work_resumed',
    'not_production_resumed',
  ],
  suffixes: ['num', 'den', 'pct', 'rate'],
  reporting: ['expected', 'received', 'missing', 'on_time', 'completeness', 'timeliness', 'zero'],
  forecast: ['full_date', 'full_date_cn', 'sentence'],
}

// ---- Resumption applications ----

export const APPLICATION_STATES = ['draft', 'submitted', 'in_review', 'acceptance_pending', 'approved', 'rejected', 'withdrawn']
/** States in which the enterprise still works on, or waits for, its application (at most one per enterprise). */
export const OPEN_APPLICATION_STATES = ['draft', 'submitted', 'in_review', 'acceptance_pending', 'rejected']
/** Prevention checklist items (防控清单), in display order; `type` says how the item is filled in. */
export const CHECKLIST_ITEMS = [
  { key: 'isolation_room', type: 'bool' },
  { key: 'thermometers', type: 'count' },
  { key: 'masks_in_stock', type: 'count' },
  { key: 'masks_days_of_supply', type: 'count' },
  { key: 'disinfection_plan', type: 'bool' },
  { key: 'disinfection_records', type: 'bool' },
  { key: 'staggered_dining', type: 'bool' },
  { key: 'leader_on_duty', type: 'bool' },
  { key: 'emergency_plan', type: 'bool' },
  { key: 'four_measures', type: 'measures' },
]
/** The four measures 扫码 + 登记 + 测温 + 戴口罩. */
export const FOUR_MEASURES = ['scan_code', 'registration', 'temperature_check', 'mask_wearing']
/** Items a deficiency may name besides the checklist items. */
export const OTHER_DEFICIENCY_ITEMS = ['attachments', 'staff', 'commitment', 'other']
export const ACCEPTANCE_MODES = ['on_site', 'video']
export const ATTACHMENT_KINDS = ['order', 'contract', 'other']
/** Evidence uploads: types the server accepts (by content) and the size limit. */
export const ATTACHMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,.xlsx,.docx'
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024

// ---- Daily reports ----

/** The figures of a daily report, in form order; `decimals` for the non-integer ones. */
export const REPORT_FIGURES = [
  { key: 'on_duty' },
  { key: 'returned' },
  { key: 'returned_out_of_province' },
  { key: 'quarantined' },
  { key: 'fever' },
  { key: 'load_percent', decimals: 1, max: 300 },
  { key: 'output_value', decimals: 2 },
  { key: 'output_quantity', decimals: 2 },
  { key: 'masks' },
  { key: 'disinfectant', decimals: 1 },
]
