import { createSignal } from 'solid-js';

/**
 * Light and dark themes: the OS preference by default (followed live), or the user's choice, kept in
 * this browser (a personal setting, not part of a shared view).
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

const media = window.matchMedia('(prefers-color-scheme: dark)');
const stored = localStorage.getItem('trackline.theme');
const [choice, setChoice] = createSignal<ThemeChoice>(stored === 'light' || stored === 'dark' ? stored : 'system');
const [osDark, setOsDark] = createSignal(media.matches);
media.addEventListener('change', (e) => {
  setOsDark(e.matches);
  apply();
});

export const theme = () => (choice() === 'system' ? (osDark() ? 'dark' : 'light') : choice()) as 'light' | 'dark';
export const themeChoice = choice;

function apply() {
  document.documentElement.dataset.theme = theme();
}
apply();

function setTheme(next: ThemeChoice) {
  setChoice(next);
  if (next === 'system') localStorage.removeItem('trackline.theme');
  else localStorage.setItem('trackline.theme', next);
  apply();
}

/** system -> the opposite of what shows -> the other -> system. */
export function cycleTheme() {
  const c = choice();
  setTheme(c === 'system' ? (theme() === 'dark' ? 'light' : 'dark') : c === 'light' ? 'dark' : 'system');
}
