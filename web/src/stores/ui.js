import { defineStore } from 'pinia'

// State of the shell that pages change: the command dashboard's wall mode hides the menu and top bar and
// switches Element Plus to its dark palette (html.dark) for the command-room wall display.
export const useUiStore = defineStore('ui', {
  state: () => ({ wall: false }),
  actions: {
    setWall(on) {
      this.wall = on
      document.documentElement.classList.toggle('dark', on)
    },
  },
})
