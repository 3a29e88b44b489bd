// ECharts options of the statistics pages: the trend of the three rates with the forecast, and the ranking
// of child regions. `t` is vue-i18n's translate; `dark` picks the wall colours.
import { COLORS } from '@/components/charts/echarts'
import { percentText } from '@/composables/useStatsQuery'

const pct = (rate) => Math.round((Number(rate) || 0) * 1000) / 10
const shortDate = (d) => (d ? d.slice(5) : '')
const SERIES = ['work_resumed', 'production_resumed', 'full_capacity']

/**
 * Lines of 复工率 / 复产率 / 达产率 over `series` ({date, work_resumed:{num,den,rate,text}…}), and, when given,
 * the forecast's projected 复工率 as a dashed line continuing the first one.
 */
export function trendOption({ series = [], forecast = null, t, dark = false, compact = false }) {
  const c = dark ? COLORS.dark : COLORS.light
  const points = forecast?.points || []
  const dates = [...series.map((p) => p.date), ...points.map((p) => p.date)]
  const pad = (arr) => [...arr, ...points.map(() => null)]
  const lines = SERIES.map((key) => ({
    name: t(`stats.rate.${key}`),
    type: 'line',
    showSymbol: false,
    smooth: false,
    color: c[key],
    data: pad(series.map((p) => ({ value: pct(p[key]?.rate), num: p[key]?.num, den: p[key]?.den, text: p[key]?.text }))),
    ...(key === 'work_resumed' ? { areaStyle: { opacity: dark ? 0.18 : 0.08 } } : {}),
  }))
  if (points.length && series.length) {
    const last = series[series.length - 1]
    lines.push({
      name: t('stats.forecast.line'),
      type: 'line',
      showSymbol: false,
      color: c.forecast,
      lineStyle: { type: 'dashed', width: 2 },
      data: [
        ...series.slice(0, -1).map(() => null),
        { value: pct(last.work_resumed?.rate), text: last.work_resumed?.text },
        ...points.map((p) => ({ value: pct(p.rate), text: percentText(p.rate) })),
      ],
      markLine: forecast.expected_full_date
        ? {
            symbol: 'none',
            silent: true,
            label: { formatter: `${shortDate(forecast.expected_full_date)} ${t('stats.forecast.fullMark')}`, color: c.forecast, position: 'end', fontSize: 11 },
            lineStyle: { color: c.forecast, type: 'dotted' },
            data: [{ xAxis: forecast.expected_full_date }],
          }
        : undefined,
    })
  }
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: undefined,
      formatter(params) {
        const rows = params
          .filter((p) => p.data && p.data.value !== undefined && p.data.value !== null)
          .map((p) => {
            const frac = p.data.den ? ` <span style="opacity:.7">(${p.data.num}/${p.data.den})</span>` : ''
            return `${p.marker}${p.seriesName}: <b>${p.data.text ?? `${p.data.value}%`}</b>${frac}`
          })
        return [`<b>${params[0]?.axisValue || ''}</b>`, ...rows].join('<br/>')
      },
    },
    legend: { top: 0, icon: 'roundRect', itemWidth: 14, itemHeight: 4, textStyle: { color: c.text } },
    grid: { left: compact ? 36 : 44, right: compact ? 12 : 40, top: 52, bottom: 28 },
    xAxis: { type: 'category', data: dates, boundaryGap: false, axisLabel: { formatter: shortDate, color: c.muted } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', color: c.muted } },
    series: lines,
  }
}

/** Horizontal bars of the children's 复工率, best first (data items carry the region code for the drill-down). */
export function rankingOption({ children = [], t, dark = false }) {
  const c = dark ? COLORS.dark : COLORS.light
  const sorted = [...children].sort((a, b) => (b.rates.work_resumed.rate || 0) - (a.rates.work_resumed.rate || 0))
  const rows = sorted.reverse() // ECharts draws the first category at the bottom
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p) => `<b>${p.name}</b><br/>${t('stats.rate.work_resumed')}: <b>${p.data.text}</b> (${p.data.num}/${p.data.den})`,
    },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, show: false },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.region_name),
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { color: c.text, width: 120, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 16,
        cursor: 'pointer',
        showBackground: true,
        backgroundStyle: { color: dark ? 'rgba(76,155,255,0.08)' : 'rgba(29,111,216,0.06)', borderRadius: 3 },
        itemStyle: { color: c.work_resumed, borderRadius: 3 },
        label: { show: true, position: 'right', color: c.text, formatter: (p) => p.data.text },
        data: rows.map((r) => ({ value: pct(r.rates.work_resumed.rate), text: r.rates.work_resumed.text, num: r.rates.work_resumed.num, den: r.rates.work_resumed.den, code: r.region })),
      },
    ],
  }
}
