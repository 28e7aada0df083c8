/**
 * uPlot builds an Intl.NumberFormat from navigator.language when it loads, and Chromium started under a
 * POSIX locale reports "en-US@posix", which Intl refuses (RangeError): the charts module would fail to
 * load. Imported before uPlot, this gives such a browser the same language without the suffix.
 */
try {
  new Intl.NumberFormat(navigator.language);
} catch {
  const language = navigator.language.replace(/@.*$/, '').replaceAll('_', '-');
  let usable = 'en-US';
  try {
    new Intl.NumberFormat(language);
    usable = language;
  } catch {
    // keep en-US
  }
  Object.defineProperty(navigator, 'language', { value: usable, configurable: true });
}
export {};
