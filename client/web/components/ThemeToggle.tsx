import { cycleTheme, theme, themeChoice } from '../lib/theme.js';

export function ThemeToggle() {
  return (
    <button
      type="button"
      class="theme-toggle"
      onClick={cycleTheme}
      title={`theme: ${themeChoice()} (click to change)`}
      aria-label={`theme: ${themeChoice()}, showing ${theme()}`}
    >
      {theme() === 'dark' ? '☾' : '☀'}
      {themeChoice() === 'system' ? ' auto' : ''}
    </button>
  );
}
