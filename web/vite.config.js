import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The C++ server serves dist/ on the same port as the API; during development the
// Vite dev server forwards API calls to it.
const backend = 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
    },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus')) return 'element-plus'
          // Only the chart pages load ECharts (imported piece by piece, see src/components/charts/echarts.js).
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts'
          // Vant (phone pages) and the QR decoder (the gate's scanner, imported on demand) load only with them.
          if (id.includes('node_modules/vant') || id.includes('node_modules/@vant')) return 'vant'
          if (id.includes('node_modules/@zxing')) return 'zxing'
          if (id.includes('node_modules/')) return 'vendor'
        },
      },
    },
  },
})
