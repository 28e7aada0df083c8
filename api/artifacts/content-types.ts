import { baseName } from './paths.js';

/**
 * How an artifact is served (docs/architecture.md section 6): Content-Type by extension, and whether a browser may
 * show it inline. Only types that cannot run script are inline: raster images, plain text, JSON, and CSV
 * (as text/plain). SVG and HTML can carry script, so they, like everything unknown, are attachments.
 * Responses always carry `X-Content-Type-Options: nosniff`, so browsers do not second-guess the type.
 * The tables are a security policy (what may render in the dashboard's origin), not a MIME database:
 * a general one (mime-types) would still need this allowlist beside it.
 */
export interface ServedType {
  contentType: string;
  inline: boolean;
}

const TEXT = 'text/plain; charset=utf-8';

const INLINE: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  json: 'application/json; charset=utf-8',
  csv: TEXT,
  tsv: TEXT,
  txt: TEXT,
  log: TEXT,
  md: TEXT,
  yaml: TEXT,
  yml: TEXT,
  toml: TEXT,
  ini: TEXT,
  cfg: TEXT,
  py: TEXT,
  jsonl: TEXT,
  ndjson: TEXT,
};

const ATTACHMENT: Record<string, string> = {
  svg: 'image/svg+xml',
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  xhtml: 'application/xhtml+xml',
  xml: 'application/xml',
  js: 'text/javascript',
  mjs: 'text/javascript',
  pdf: 'application/pdf',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  ico: 'image/vnd.microsoft.icon',
  mp4: 'video/mp4',
  webm: 'video/webm',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  zip: 'application/zip',
  gz: 'application/gzip',
  tar: 'application/x-tar',
  parquet: 'application/vnd.apache.parquet',
};

/** Extension-less files MLflow writes that are text (MLflow itself serves MLmodel as text/plain). */
const TEXT_NAMES = new Set(['MLmodel', 'MLproject', 'Dockerfile', 'LICENSE', 'README']);

export function servedType(path: string): ServedType {
  const name = baseName(path);
  if (TEXT_NAMES.has(name)) return { contentType: TEXT, inline: true };
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const inline = INLINE[extension];
  if (inline) return { contentType: inline, inline: true };
  return { contentType: ATTACHMENT[extension] ?? 'application/octet-stream', inline: false };
}

/**
 * RFC 6266 Content-Disposition with the file's name: an ASCII fallback for old clients and the exact
 * UTF-8 name in `filename*`. Written here rather than with the content-disposition package because that
 * one backslash-escapes quotes in `filename`, which RFC 6266 appendix D advises against (user agents
 * disagree on the escape); here they become `_` and the exact name always rides in `filename*`.
 */
export function contentDisposition(path: string, inline: boolean): string {
  const name = baseName(path);
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
