// ECharts, imported piece by piece (line and bar charts on canvas) so the bundle carries only what the pages use,
// with the platform's two themes: `fugong` for the office and `fugong-dark` for the command-room wall.
import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, CanvasRenderer])

/** The status colours of UI.md (已复工 blue, 已复产 green, 已达产 dark green), lighter on the dark wall. */
export const COLORS = {
  light: { work_resumed: '#1d6fd8', production_resumed: '#3f9a2b', full_capacity: '#1b5e20', forecast: '#e6a23c', text: '#303133', muted: '#909399', line: '#e4e7ed' },
  dark: { work_resumed: '#4c9bff', production_resumed: '#6cd44a', full_capacity: '#2fc79a', forecast: '#ffb84d', text: '#e5eaf3', muted: '#8a9bb8', line: '#24406b' },
}

const FONT = "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif"

function theme(c, dark) {
  const axis = {
    axisLine: { lineStyle: { color: c.line } },
    axisTick: { lineStyle: { color: c.line } },
    axisLabel: { color: c.muted },
    splitLine: { lineStyle: { color: c.line, type: 'dashed' } },
  }
  return {
    color: [c.work_resumed, c.production_resumed, c.full_capacity, c.forecast, '#8e6bd8', '#d8576b'],
    backgroundColor: 'transparent',
    textStyle: { fontFamily: FONT, color: c.text },
    legend: { textStyle: { color: c.text } },
    tooltip: {
      backgroundColor: dark ? 'rgba(10, 25, 50, 0.95)' : 'rgba(255, 255, 255, 0.96)',
      borderColor: dark ? '#2f5aa0' : '#dcdfe6',
      textStyle: { color: c.text },
    },
    categoryAxis: axis,
    valueAxis: axis,
    line: { symbolSize: 5, lineStyle: { width: 2 } },
  }
}

echarts.registerTheme('fugong', theme(COLORS.light, false))
echarts.registerTheme('fugong-dark', theme(COLORS.dark, true))

export { echarts }
