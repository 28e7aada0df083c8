import { For, Match, Show, Switch, createResource, createSignal } from 'solid-js';
import { fetchData } from '../data/client.js';
import { ArtifactsDoc } from '../data/operations.js';
import { formatBytes } from '../lib/format.js';
import { param, setParams } from '../lib/router.js';

interface Entry {
  name: string;
  path: string;
  isDir: boolean;
  size?: number | null;
}

const fileUrl = (runId: string, path: string) => `/artifacts/${encodeURIComponent(runId)}/${path.split('/').map(encodeURIComponent).join('/')}`;
const zipUrl = (runId: string, path: string) => `/artifacts-zip/${encodeURIComponent(runId)}/${path.split('/').map(encodeURIComponent).join('/')}`;
/** Previews read at most this much of a file (a Range request). */
const PREVIEW_BYTES = 512 * 1024;

type Kind = 'image' | 'json' | 'csv' | 'mlmodel' | 'text' | 'binary';
function kindOf(path: string): Kind {
  const name = path.split('/').pop() ?? '';
  if (name === 'MLmodel') return 'mlmodel';
  const ext = name.includes('.') ? name.split('.').pop()?.toLowerCase() : '';
  if (['png', 'jpg', 'jpeg', 'gif', 'webp'].includes(ext ?? '')) return 'image';
  if (ext === 'json') return 'json';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (['txt', 'md', 'log', 'yaml', 'yml', 'py', 'ts', 'js', 'toml', 'cfg', 'ini', 'sh', 'html', 'xml', 'svg', ''].includes(ext ?? '')) return 'text';
  return 'binary';
}

/**
 * A run's artifacts as a tree (folders listed as they are opened), a preview of the selected file
 * (text, pretty JSON, CSV as a table, images, MLmodel), a download link per file and a zip per folder.
 * The selected file is in the URL (`artifact=`).
 */
export function ArtifactBrowser(props: { runId: string }) {
  const selected = param('artifact');
  return (
    <div class="artifacts">
      <div class="artifact-tree" role="tree" aria-label="Artifacts">
        <Folder runId={props.runId} path="" depth={0} selected={selected()} />
      </div>
      <div class="artifact-preview">
        <Show when={selected()} fallback={<p class="muted">Select a file to preview it.</p>}>
          {(path) => <Preview runId={props.runId} path={path()} />}
        </Show>
      </div>
    </div>
  );
}

function Folder(props: { runId: string; path: string; depth: number; selected: string | undefined }) {
  const [entries] = createResource(
    () => [props.runId, props.path] as const,
    async ([runId, path]) => (await fetchData(ArtifactsDoc, { runId, path })).run?.artifacts ?? [],
  );
  return (
    <Show when={!entries.loading || entries()} fallback={<p class="muted">Loading…</p>}>
      <Show when={!entries.error} fallback={<p class="error" role="alert">{String(entries.error?.message ?? entries.error)}</p>}>
        <Show when={(entries() ?? []).length > 0 || props.depth > 0} fallback={<p class="muted">No artifacts.</p>}>
          <ul role="group">
            <For each={entries() ?? []}>{(entry) => <Node runId={props.runId} entry={entry} depth={props.depth} selected={props.selected} />}</For>
          </ul>
        </Show>
      </Show>
    </Show>
  );
}

function Node(props: { runId: string; entry: Entry; depth: number; selected: string | undefined }) {
  const [open, setOpen] = createSignal(props.selected?.startsWith(`${props.entry.path}/`) ?? false);
  return (
    <li role="treeitem" aria-expanded={props.entry.isDir ? open() : undefined} aria-selected={props.selected === props.entry.path} data-artifact-path={props.entry.path}>
      <div class="artifact-row" classList={{ selected: props.selected === props.entry.path }}>
        <Show
          when={props.entry.isDir}
          fallback={
            <button type="button" class="link artifact-file" onClick={() => setParams({ artifact: props.entry.path }, { replace: true })}>
              {props.entry.name}
            </button>
          }
        >
          <button type="button" class="link artifact-dir" onClick={() => setOpen(!open())}>
            {open() ? '▾' : '▸'} {props.entry.name}/
          </button>
          <a class="download" href={zipUrl(props.runId, props.entry.path)} download={`${props.entry.name}.zip`} title="download the folder as a zip">
            zip
          </a>
        </Show>
        <Show when={!props.entry.isDir}>
          <span class="muted">{formatBytes(props.entry.size)}</span>
          <a class="download" href={fileUrl(props.runId, props.entry.path)} download={props.entry.name}>
            download
          </a>
        </Show>
      </div>
      <Show when={props.entry.isDir && open()}>
        <Folder runId={props.runId} path={props.entry.path} depth={props.depth + 1} selected={props.selected} />
      </Show>
    </li>
  );
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\t') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

function Preview(props: { runId: string; path: string }) {
  const kind = () => kindOf(props.path);
  const [text] = createResource(
    () => (kind() === 'image' || kind() === 'binary' ? undefined : [props.runId, props.path] as const),
    async ([runId, path]) => {
      const response = await fetch(fileUrl(runId, path), { headers: { range: `bytes=0-${PREVIEW_BYTES - 1}` } });
      if (!response.ok && response.status !== 206) throw new Error(`${response.status}: ${(await response.text()).slice(0, 200)}`);
      return { body: await response.text(), truncated: response.status === 206 && Number(response.headers.get('content-range')?.split('/')[1]) > PREVIEW_BYTES };
    },
  );
  const pretty = () => {
    const body = text()?.body ?? '';
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  };
  return (
    <div class="preview" data-testid="artifact-preview" data-artifact-path={props.path}>
      <div class="preview-head">
        <strong>{props.path}</strong>
        <a class="download" href={fileUrl(props.runId, props.path)} download={props.path.split('/').pop()}>
          download
        </a>
      </div>
      <Show when={!text.error} fallback={<p class="error" role="alert">Could not read the file: {String(text.error?.message)}</p>}>
        <Switch>
          <Match when={kind() === 'image'}>
            <img src={fileUrl(props.runId, props.path)} alt={props.path} class="preview-image" />
          </Match>
          <Match when={kind() === 'binary'}>
            <p class="muted">No preview for this file type; download it.</p>
          </Match>
          <Match when={text.loading}>
            <p class="muted">Loading…</p>
          </Match>
          <Match when={kind() === 'csv'}>
            <div class="csv-preview">
              <table>
                <For each={parseCsv(text()?.body ?? '').slice(0, 200)}>
                  {(row, i) => <tr><For each={row}>{(cell) => (i() === 0 ? <th>{cell}</th> : <td>{cell}</td>)}</For></tr>}
                </For>
              </table>
            </div>
          </Match>
          <Match when={kind() === 'mlmodel'}>
            <p class="muted">MLflow model: the folder holding this file is a logged model; download it as a zip from the tree.</p>
            <pre class="text-preview">{text()?.body}</pre>
          </Match>
          <Match when={kind() === 'json'}>
            <pre class="text-preview">{pretty()}</pre>
          </Match>
          <Match when={true}>
            <pre class="text-preview">{text()?.body}</pre>
          </Match>
        </Switch>
        <Show when={text()?.truncated}>
          <p class="muted">Preview shows the first {formatBytes(PREVIEW_BYTES)}.</p>
        </Show>
      </Show>
    </div>
  );
}
